package org.huying;

import java.time.LocalDate;
import java.util.List;

/**
 * Office hours: a default timetable, seasonal timetables and per-date
 * overrides. No national rule fixes them: they are the county's
 * configuration. Made from a timetable ({@code "08:30-12:00,14:00-17:30"})
 * or from JSON ({@code {"default": ..., "seasons": [...], "overrides": {...}}}).
 */
public final class Schedule {
    static {
        Native.init();
    }

    private final String json;

    Schedule(String canonicalJson) {
        this.json = canonicalJson;
    }

    /**
     * Reads a timetable or schedule JSON.
     *
     * @param text the schedule
     * @return the schedule
     * @throws ScheduleException when it cannot be read
     */
    public static Schedule parse(String text) {
        return new Schedule(nParse(java.util.Objects.requireNonNull(text, "text")));
    }

    /**
     * @return the schedule as JSON (what {@link #parse} reads)
     */
    public String toJson() {
        return json;
    }

    /**
     * The timetable that applies on a date if it is a working day.
     *
     * @param date a date
     * @return e.g. {@code 08:30-12:00,14:00-17:30}
     */
    public String timetableFor(LocalDate date) {
        return (String) Json.array(nTimetableFor(json, Time.day(date))).get(0);
    }

    /**
     * @return the default timetable
     */
    public String defaultTimetable() {
        List<Object> l = Json.array(nTimetableFor(json, 0));
        return (String) l.get(1);
    }

    @Override
    public String toString() {
        return "Schedule(" + defaultTimetable() + ")";
    }

    private static native String nParse(String text);

    private static native String nTimetableFor(String json, long day);
}
