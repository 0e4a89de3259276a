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
    private final OffsetDateTime due;
    private final OffsetDateTime start;
    private final String limit;
    private final String policy;
    private final String dueText;

    Deadline(long h) {
        super(Native.DEADLINE, h);
        Map<String, Object> m = Json.object(nInfo(h));
        this.due = Time.parse((String) m.get("due"));
        this.start = Time.parse((String) m.get("start"));
        this.limit = (String) m.get("limit");
        this.policy = (String) m.get("policy");
        this.dueText = (String) m.get("due_text");
    }

    /**
     * @return the instant the limit ends, at +08:00
     */
    public OffsetDateTime due() {
        return due;
    }

    /**
     * @return the triggering instant, at +08:00
     */
    public OffsetDateTime start() {
        return start;
    }

    /**
     * @return the limit counted
     */
    public Limit limit() {
        return Limit.parse(limit);
    }

    /**
     * @return the day-end policy: {@code midnight} or {@code close_of_business}
     */
    public String policy() {
        return policy;
    }

    /**
     * @return the due time as people write it, e.g. {@code 2025-09-30 24:00}
     */
    public String dueText() {
        return dueText;
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
        return dueText;
    }

    private native String nInfo(long h);

    private native String nExplain(long h, String lang);
}
