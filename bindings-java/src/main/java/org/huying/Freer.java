package org.huying;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an action when an object becomes unreachable: a
 * {@code java.lang.ref.Cleaner} where the JDK has one (9 and later, found
 * by reflection so that the bytecode stays Java 8), else a phantom
 * reference queue drained by a daemon thread. Internal.
 */
final class Freer {
    /** A registration: {@link #clean()} runs the action now (at most once overall). */
    interface Registration {
        void clean();
    }

    private static final Object CLEANER;
    private static final MethodHandle REGISTER;
    private static final MethodHandle CLEAN;

    static {
        Object cleaner = null;
        MethodHandle register = null;
        MethodHandle clean = null;
        try {
            if ("queue".equals(System.getProperty("huying.freer"))) {
                // Internal, for the test of the Java 8 way on a newer JDK.
                throw new ClassNotFoundException("huying.freer=queue");
            }
            Class<?> c = Class.forName("java.lang.ref.Cleaner");
            Class<?> cleanable = Class.forName("java.lang.ref.Cleaner$Cleanable");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            cleaner = lookup.findStatic(c, "create", MethodType.methodType(c)).invoke();
            register = lookup.findVirtual(c, "register",
                    MethodType.methodType(cleanable, Object.class, Runnable.class));
            clean = lookup.findVirtual(cleanable, "clean", MethodType.methodType(void.class));
        } catch (Throwable e) {
            cleaner = null; // Java 8: the reference queue below
        }
        CLEANER = cleaner;
        REGISTER = register;
        CLEAN = clean;
    }

    private Freer() {}

    /** Whether a {@code java.lang.ref.Cleaner} is used (JDK 9+). */
    static boolean usesCleaner() {
        return CLEANER != null;
    }

    /** Internal, for the test that proves a leak would show: {@code -Dhuying.freer=none} never frees. */
    private static final boolean NEVER = "none".equals(System.getProperty("huying.freer"));

    /** Runs {@code action} (which must not refer to {@code owner}) once {@code owner} is unreachable. */
    static Registration register(Object owner, Runnable action) {
        if (NEVER) {
            return () -> { };
        }
        if (CLEANER != null) {
            try {
                final Object cleanable = REGISTER.invoke(CLEANER, owner, action);
                return () -> {
                    try {
                        CLEAN.invoke(cleanable);
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                };
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        return Queue.register(owner, action);
    }

    /** The Java 8 way: phantom references and a daemon thread. */
    private static final class Queue {
        private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
        private static final Set<Ref> LIVE = Collections.newSetFromMap(new ConcurrentHashMap<>());

        static {
            Thread t = new Thread(Queue::drain, "huying-freer");
            t.setDaemon(true);
            t.start();
        }

        static Registration register(Object owner, Runnable action) {
            Ref r = new Ref(owner, action);
            LIVE.add(r);
            return r;
        }

        private static void drain() {
            while (true) {
                try {
                    Reference<?> r = QUEUE.remove();
                    if (r instanceof Ref) {
                        ((Ref) r).clean();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    // An action that fails must not stop the thread.
                }
            }
        }

        private static final class Ref extends PhantomReference<Object> implements Registration {
            private final Runnable action;

            Ref(Object owner, Runnable action) {
                super(owner, QUEUE);
                this.action = action;
            }

            @Override
            public void clean() {
                if (LIVE.remove(this)) {
                    action.run();
                }
            }
        }
    }
}
