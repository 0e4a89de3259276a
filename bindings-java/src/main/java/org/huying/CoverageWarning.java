package org.huying;

import java.time.LocalDate;
import java.util.Map;

/** The calendar's covered range ends soon (or has ended): what to warn of, and what to do. */
public final class CoverageWarning {
    private final LocalDate last;
    private final long daysLeft;
    private final int yearNeeded;
    private final String zh;
    private final String en;

    CoverageWarning(Map<String, Object> m) {
        this.last = Time.dateOf(m.get("last"));
        this.daysLeft = ((Number) m.get("days_left")).longValue();
        this.yearNeeded = ((Number) m.get("year_needed")).intValue();
        this.zh = (String) m.get("message_zh");
        this.en = (String) m.get("message_en");
    }

    /**
     * @return the last covered date
     */
    public LocalDate last() {
        return last;
    }

    /**
     * @return days from today to the last covered date (negative once passed)
     */
    public long daysLeft() {
        return daysLeft;
    }

    /**
     * @return the year whose notice must be loaded
     */
    public int yearNeeded() {
        return yearNeeded;
    }

    /**
     * The warning in words, saying what to do.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the message
     */
    public String message(String lang) {
        return Time.lang(lang).equals("en") ? en : zh;
    }

    @Override
    public String toString() {
        return en;
    }
}
