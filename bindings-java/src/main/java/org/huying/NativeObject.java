package org.huying;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A Java object that owns a native value: a {@code long} handle freed
 * exactly once, by {@link #close()} or, once the object is unreachable, by
 * a cleaner. Using an object after {@code close()} throws
 * {@link IllegalStateException}; closing an object while another thread is
 * still using it is not allowed.
 */
public abstract class NativeObject implements AutoCloseable {
    static {
        Native.init();
    }

    /** The state the cleaner frees; never refers to the owner. */
    static final class Handle implements Runnable {
        private static final AtomicLongFieldUpdater<Handle> H =
                AtomicLongFieldUpdater.newUpdater(Handle.class, "h");
        private final int kind;
        volatile long h;
        /** Handles replaced by newer ones (a calendar given a new year), freed with this one. */
        private long[] retired = new long[0];

        Handle(int kind, long h) {
            this.kind = kind;
            this.h = h;
        }

        synchronized void replace(long next) {
            long old = H.getAndSet(this, next);
            if (old == 0) {
                // Closed meanwhile: the new value goes too.
                H.set(this, 0);
                Native.free(kind, next);
                throw new IllegalStateException("closed while it was being changed");
            }
            {
                long[] r = java.util.Arrays.copyOf(retired, retired.length + 1);
                r[retired.length] = old;
                retired = r;
            }
        }

        @Override
        public void run() {
            long old = H.getAndSet(this, 0);
            if (old != 0) {
                Native.free(kind, old);
            }
            long[] r;
            synchronized (this) {
                r = retired;
                retired = new long[0];
            }
            for (long x : r) {
                Native.free(kind, x);
            }
        }
    }

    final Handle handle;
    private final Freer.Registration registration;

    NativeObject(int kind, long h) {
        if (h == 0) {
            throw new HuyingException("internal", "the native library returned no object", "{}");
        }
        this.handle = new Handle(kind, h);
        this.registration = Freer.register(this, handle);
    }

    /** The live handle; throws {@link IllegalStateException} once closed. */
    final long h() {
        long x = handle.h;
        if (x == 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " was closed");
        }
        return x;
    }

    /** Frees the native value now; later uses throw. Idempotent. */
    @Override
    public void close() {
        registration.clean();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        return handle.h == 0;
    }
}
