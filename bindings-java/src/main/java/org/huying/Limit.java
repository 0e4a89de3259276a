package org.huying;

import java.util.Map;

/**
 * A time limit: {@code 30m}, {@code 3h}, {@code 3d}, {@code 3wd} (working
 * days), {@code 4wh} (working hours), or the Chinese forms {@code 30分钟},
 * {@code 3个工作日}, {@code 4个工作时}. Immutable; equal when the same limit.
 */
public final class Limit {
    static {
        Native.init();
    }

    private final String text;
    private final long amount;
    private final boolean workingTime;
    private final boolean days;
    private final String zh;
    private final String en;

    private Limit(Map<String, Object> m) {
        this.text = (String) m.get("text");
        this.amount = ((Number) m.get("amount")).longValue();
        this.workingTime = Boolean.TRUE.equals(m.get("working_time"));
        this.days = Boolean.TRUE.equals(m.get("days"));
        this.zh = (String) m.get("zh");
        this.en = (String) m.get("en");
    }

    /**
     * Reads a limit.
     *
     * @param text e.g. {@code "3wd"} or {@code "3个工作日"}
     * @return the limit
     * @throws LimitParseException for text that is not a limit
     */
    public static Limit parse(String text) {
        return new Limit(Json.object(nParse(java.util.Objects.requireNonNull(text, "text"), -1)));
    }

    /**
     * The same kind of limit with another amount.
     *
     * @param n the amount
     * @return the limit
     */
    public Limit withAmount(long n) {
        return new Limit(Json.object(nParse(text, n)));
    }

    /**
     * @return the number of units
     */
    public long amount() {
        return amount;
    }

    /**
     * @return whether only working time counts (working days or working hours)
     */
    public boolean isWorkingTime() {
        return workingTime;
    }

    /**
     * @return whether the limit counts whole days (the day of receipt not counted)
     */
    public boolean isDays() {
        return days;
    }

    /**
     * The limit in words.
     *
     * @param lang {@code "zh"} (3个工作日) or {@code "en"} (3 working days)
     * @return the words
     */
    public String display(String lang) {
        return Time.lang(lang).equals("en") ? en : zh;
    }

    /**
     * @return the short form, e.g. {@code 3wd}
     */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limit && ((Limit) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static native String nParse(String text, long amount);
}
