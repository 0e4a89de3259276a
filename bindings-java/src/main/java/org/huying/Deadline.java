package org.huying;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A computed deadline: the triggering instant, the limit, the due instant,
 * and an explanation of every day counted or skipped.
 * A day limit ending at 24:00 gives 00:00 of the next day as {@link #due()}
 * and {@code "… 24:00"} as {@link #dueText()}.
 */
public final class Deadline extends NativeObject {
    private volatile Map<String, Object> info;

    Deadline(long h) {
        super(Native.DEADLINE, h);
    }

    /** The deadline's facts, read from the native side on first use. */
    private Map<String, Object> info() {
        Map<String, Object> i = info;
        if (i == null) {
            i = Json.object(nInfo(h()));
            info = i;
        }
        return i;
    }

    /**
     * @return the instant the limit ends, at +08:00
     */
    public OffsetDateTime due() {
        return Time.parse((String) info().get("due"));
    }

    /**
     * @return the triggering instant, at +08:00
     */
    public OffsetDateTime start() {
        return Time.parse((String) info().get("start"));
    }

    /**
     * @return the limit counted
     */
    public Limit limit() {
        return Limit.parse((String) info().get("limit"));
    }

    /**
     * @return the day-end policy: {@code midnight} or {@code close_of_business}
     */
    public String policy() {
        return (String) info().get("policy");
    }

    /**
     * @return the due time as people write it, e.g. {@code 2025-09-30 24:00}
     */
    public String dueText() {
        return (String) info().get("due_text");
    }

    /**
     * The rule applied, every day counted or skipped and why, and the due time.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the explanation, one line per day
     */
    public String explain(String lang) {
        return nExplain(h(), Time.lang(lang));
    }

    @Override
    public String toString() {
        return dueText();
    }

    private native String nInfo(long h);

    private native String nExplain(long h, String lang);
}
