package org.huying;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知),
 * read as published: its year, title and the days it sets.
 *
 * <pre>{@code
 * Notice n = Notice.parse(text);
 * for (Notice.Day d : n.days()) System.out.println(d.date() + " " + d.kind() + " " + d.festival());
 * }</pre>
 */
public final class Notice {
    static {
        Native.init();
    }

    /** One day a notice sets. */
    public static final class Day {
        private final LocalDate date;
        private final String kind;
        private final String festival;
        private final String festivalEn;

        Day(Map<String, Object> m) {
            this.date = Time.dateOf(m.get("day"));
            this.kind = (String) m.get("kind");
            this.festival = (String) m.get("festival_zh");
            this.festivalEn = (String) m.get("festival_en");
        }

        /**
         * @return the date
         */
        public LocalDate date() {
            return date;
        }

        /**
         * @return {@code "holiday"} (off) or {@code "workday"} (a working day in lieu)
         */
        public String kind() {
            return kind;
        }

        /**
         * @return the festival's Chinese name, e.g. 春节
         */
        public String festival() {
            return festival;
        }

        /**
         * @return the festival's English name, e.g. Spring Festival
         */
        public String festivalEn() {
            return festivalEn;
        }

        @Override
        public String toString() {
            return date + " " + kind + " " + festival;
        }
    }

    private final int year;
    private final String title;
    private final boolean amendment;
    private final LocalDate issued;
    private final List<Day> days;
    private final String tsv;

    @SuppressWarnings("unchecked")
    private Notice(Map<String, Object> m) {
        this.year = ((Number) m.get("year")).intValue();
        this.title = (String) m.get("title");
        this.amendment = Boolean.TRUE.equals(m.get("amendment"));
        this.issued = Time.dateOf(m.get("issued"));
        List<Day> d = new ArrayList<>();
        for (Object o : (List<Object>) m.get("days")) {
            d.add(new Day((Map<String, Object>) o));
        }
        this.days = Collections.unmodifiableList(d);
        this.tsv = (String) m.get("tsv");
    }

    /**
     * Reads a notice's text as published. The text is checked against itself.
     *
     * @param text the notice
     * @return the notice
     * @throws CalendarNoticeException with the line and column where it cannot be read
     */
    public static Notice parse(String text) {
        return new Notice(Json.object(nParse(java.util.Objects.requireNonNull(text, "text"))));
    }

    /**
     * The days a notice sets, alone (as Python's {@code huying.parse_notice}):
     * each with its date, {@code "holiday"} or {@code "workday"}, and festival.
     *
     * @param text the notice as published
     * @return the days, in date order
     * @throws CalendarNoticeException with the line and column where it cannot be read
     */
    public static List<Day> parseNotice(String text) {
        return parse(text).days();
    }

    /**
     * @return the year the notice is for
     */
    public int year() {
        return year;
    }

    /**
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * @return whether it changes a year already set (e.g. 2020's extended Spring Festival)
     */
    public boolean isAmendment() {
        return amendment;
    }

    /**
     * @return the date of issue, or null
     */
    public LocalDate issued() {
        return issued;
    }

    /**
     * @return the days it sets, in date order
     */
    public List<Day> days() {
        return days;
    }

    /**
     * @return the days as calendar rows ({@link Calendar#extendFromTsv})
     */
    public String toTsv() {
        return tsv;
    }

    private static native String nParse(String text);
}
