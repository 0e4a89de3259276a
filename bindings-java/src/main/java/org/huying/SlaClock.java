package org.huying;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SLA clock of one target: started, paused and resumed with reasons,
 * extended, stopped — at instants the caller gives (it never reads the
 * clock). Methods are synchronized: a clock may be shared between threads,
 * one change at a time.
 */
public final class SlaClock extends NativeObject {
    private SlaClock(long h) {
        super(Native.SLA_CLOCK, h);
    }

    /**
     * Starts a clock for a limit at an instant, ending day limits at midnight.
     *
     * @param calendar the calendar to count on
     * @param limit the limit, e.g. {@code 3wd}
     * @param at the start
     * @return the running clock
     */
    public static SlaClock start(Calendar calendar, String limit, OffsetDateTime at) {
        return start(calendar, limit, Time.of(at), "midnight");
    }

    /**
     * Starts a clock for a limit at an instant.
     *
     * @param calendar the calendar to count on
     * @param limit the limit
     * @param at the start
     * @param policy {@code "midnight"} or {@code "close_of_business"}
     * @return the running clock
     */
    public static SlaClock start(Calendar calendar, String limit, Instant at, String policy) {
        return new SlaClock(nStart(calendar.h(), calendar, java.util.Objects.requireNonNull(limit),
                policy, at.getEpochSecond(), at.getNano()));
    }

    /**
     * Pauses the clock (the pause is on the record with its reason).
     *
     * @param at when
     * @param reason why, e.g. waiting for an inspection
     */
    public synchronized void pause(OffsetDateTime at, String reason) {
        Instant t = Time.of(at);
        nAct(h(), 0, t.getEpochSecond(), t.getNano(), java.util.Objects.requireNonNull(reason));
    }

    /**
     * Resumes a paused clock; the due time moves by the paused amount.
     *
     * @param at when
     */
    public synchronized void resume(OffsetDateTime at) {
        Instant t = Time.of(at);
        nAct(h(), 1, t.getEpochSecond(), t.getNano(), null);
    }

    /**
     * Stops the clock: the target was reached.
     *
     * @param at when
     */
    public synchronized void stop(OffsetDateTime at) {
        Instant t = Time.of(at);
        nAct(h(), 2, t.getEpochSecond(), t.getNano(), null);
    }

    /**
     * Extends the limit, in the limit's own unit.
     *
     * @param extra e.g. {@code 2wd}
     */
    public synchronized void extend(String extra) {
        nExtend(h(), java.util.Objects.requireNonNull(extra));
    }

    private synchronized Map<String, Object> info() {
        return Json.object(nInfo(h()));
    }

    /**
     * @return the limit, including extensions
     */
    public Limit limit() {
        return Limit.parse((String) info().get("limit"));
    }

    /**
     * @return when the clock started, at +08:00
     */
    public OffsetDateTime started() {
        return Time.parse((String) info().get("started"));
    }

    /**
     * @return when it stopped, or null
     */
    public OffsetDateTime stopped() {
        return Time.parse((String) info().get("stopped"));
    }

    /**
     * @return whether it is paused now
     */
    public boolean isPaused() {
        return Boolean.TRUE.equals(info().get("paused"));
    }

    /**
     * @return the pauses on the record, in order
     */
    @SuppressWarnings("unchecked")
    public List<Pause> pauses() {
        List<Pause> out = new ArrayList<>();
        for (Object o : (List<Object>) info().get("pauses")) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Pause(Time.parse((String) m.get("start")), Time.parse((String) m.get("end")),
                    (String) m.get("reason")));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @return the due instant with the pauses and extensions so far
     */
    public synchronized OffsetDateTime due() {
        return Time.parse(nDue(h(), Time.NONE, 0));
    }

    /**
     * The due instant as seen at {@code now} (a paused clock as if resumed then).
     *
     * @param now the caller's now
     * @return the due instant
     */
    public synchronized OffsetDateTime dueAt(OffsetDateTime now) {
        Instant t = Time.of(now);
        return Time.parse(nDue(h(), t.getEpochSecond(), t.getNano()));
    }

    /**
     * Where the clock stands at {@code now}, yellow from 80 % of the limit.
     *
     * @param now the caller's now
     * @return the status
     */
    public ClockStatus status(OffsetDateTime now) {
        return status(now, 0.8);
    }

    /**
     * Where the clock stands at {@code now}.
     *
     * @param now the caller's now
     * @param warning the fraction of the limit past which a running clock is in {@code warning}
     * @return the status
     */
    public synchronized ClockStatus status(OffsetDateTime now, double warning) {
        Instant t = Time.of(now);
        return new ClockStatus(Json.object(nStatus(h(), t.getEpochSecond(), t.getNano(), warning)));
    }

    /** A pause on a clock's record. */
    public static final class Pause {
        private final OffsetDateTime start;
        private final OffsetDateTime end;
        private final String reason;

        Pause(OffsetDateTime start, OffsetDateTime end, String reason) {
            this.start = start;
            this.end = end;
            this.reason = reason;
        }

        /**
         * @return when the pause began
         */
        public OffsetDateTime start() {
            return start;
        }

        /**
         * @return when the clock resumed, or null while still paused
         */
        public OffsetDateTime end() {
            return end;
        }

        /**
         * @return why the clock was paused
         */
        public String reason() {
            return reason;
        }
    }

    /** Where a clock stands at an instant. */
    public static final class ClockStatus {
        private final Map<String, Object> m;

        ClockStatus(Map<String, Object> m) {
            this.m = m;
        }

        /**
         * @return {@code on_track}, {@code warning}, {@code breached}, {@code met} or {@code missed}
         */
        public String phase() {
            return (String) m.get("phase");
        }

        /**
         * @return whether the clock is paused then
         */
        public boolean paused() {
            return Boolean.TRUE.equals(m.get("paused"));
        }

        /**
         * @return the due instant (for a paused clock: as if it resumed then)
         */
        public OffsetDateTime due() {
            return Time.parse((String) m.get("due"));
        }

        private Duration d(String k) {
            Object v = m.get(k);
            return v == null ? null : Duration.ofNanos(((Number) v).longValue());
        }

        /**
         * @return time counted so far, in the limit's measure
         */
        public Duration elapsed() {
            return d("elapsed_nanos");
        }

        /**
         * @return time left, in the limit's measure (never negative)
         */
        public Duration remaining() {
            return d("remaining_nanos");
        }

        /**
         * @return natural time past the due instant (zero if not past it)
         */
        public Duration overrun() {
            return d("overrun_nanos");
        }

        /**
         * @return elapsed as a fraction of the limit; may exceed 1
         */
        public double fraction() {
            return ((Number) m.get("fraction")).doubleValue();
        }

        @Override
        public String toString() {
            return "ClockStatus(" + phase() + ", due " + due() + ")";
        }
    }

    private static native long nStart(long cal, Calendar keep, String limit, String policy, long s, int n);

    private native void nAct(long h, int what, long s, int n, String reason);

    private native void nExtend(long h, String extra);

    private native String nInfo(long h);

    private native String nDue(long h, long s, int n);

    private native String nStatus(long h, long s, int n, double warning);
}
