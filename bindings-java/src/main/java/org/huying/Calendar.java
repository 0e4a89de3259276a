package org.huying;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A working-day calendar over a contiguous range of covered years.
 * {@link #china()} is mainland China from the State Council's annual
 * holiday notices (statutory holidays off, working days in lieu on); a date
 * outside the covered years throws {@link CalendarNotCoveredException},
 * never a guess.
 *
 * <p>Thread-safe: every question may be asked from any number of threads
 * at once. The calendar's answers change only through
 * {@code extendFrom…} (next year's notice), which swaps in the extended
 * calendar atomically: a question asked meanwhile is answered by the
 * calendar before or after, never half of each. {@link #withSchedule}
 * returns a new calendar.
 *
 * <p>Dates are {@link LocalDate}s; instants are {@link OffsetDateTime}s
 * (any offset) or {@link Instant}s, and come back as {@code OffsetDateTime}s
 * at +08:00 (China Standard Time). Huying never reads the clock: pass
 * {@code today} and {@code now} yourself.
 *
 * <pre>{@code
 * Calendar cal = Calendar.china();
 * cal.isWorkingDay(LocalDate.of(2025, 9, 28));          // true: worked in lieu
 * cal.addWorkingDays(LocalDate.of(2025, 9, 29), 3);     // 2025-10-10
 * }</pre>
 */
public final class Calendar extends NativeObject {
    private volatile Map<String, Object> info;

    private Calendar(long h) {
        super(Native.CALENDAR, h);
    }

    /**
     * Mainland China, from the State Council's holiday notices (2004 on; see {@link #coverage()}).
     *
     * @return a new calendar
     */
    public static Calendar china() {
        return new Calendar(nChina());
    }

    /**
     * {@link #china()} with the years of a file added: {@code path}, or, when
     * {@code path} is null, the file named by the environment variable
     * {@code HUYING_CALENDAR_FILE} if it is set. The file holds notices' texts as
     * published (one after another), or {@code .tsv} / {@code .json} rows.
     *
     * @param path the file, or null for {@code HUYING_CALENDAR_FILE}
     * @return the calendar
     * @throws CalendarNoticeException for a notice that cannot be read
     * @throws CalendarDataException for bad rows or a file that cannot be read
     */
    public static Calendar chinaWithFile(Path path) {
        return new Calendar(nChinaWithFile(path == null ? null : path.toString()));
    }

    /** The environment variable {@link #chinaWithFile(Path)} reads: {@value}. */
    public static final String CALENDAR_FILE_ENV = "HUYING_CALENDAR_FILE";

    /**
     * Whether the date is a working day.
     *
     * @param date a date
     * @return true on a working day (including a working day in lieu)
     * @throws CalendarNotCoveredException outside the covered years
     */
    public boolean isWorkingDay(LocalDate date) {
        return nIsWorkingDay(h(), Time.day(date));
    }

    /**
     * {@link #isWorkingDay(LocalDate)} on a day number (days since 1970-01-01,
     * {@link LocalDate#toEpochDay()}).
     *
     * @param epochDay the day number
     * @return true on a working day
     * @throws CalendarNotCoveredException outside the covered years
     */
    public boolean isWorkingDay(long epochDay) {
        return nIsWorkingDay(h(), epochDay);
    }

    /**
     * {@link #isWorkingDay(long)} over many day numbers, in one native call.
     *
     * @param epochDays day numbers
     * @return one answer per day
     * @throws CalendarNotCoveredException at the first day not covered ({@code details().get("index")})
     */
    public boolean[] isWorkingDay(long[] epochDays) {
        return nIsWorkingDayBatch(h(), java.util.Objects.requireNonNull(epochDays, "epochDays"));
    }

    /**
     * The {@code n}-th working day after {@code date} (before it when {@code n} &lt; 0);
     * {@code date} itself is never counted, as Chinese law counts periods;
     * {@code n = 0} gives {@code date}.
     *
     * @param date the start
     * @param n working days to add
     * @return the date
     * @throws CalendarNotCoveredException if the date or the answer is not covered
     */
    public LocalDate addWorkingDays(LocalDate date, long n) {
        return LocalDate.ofEpochDay(nAddWorkingDays(h(), Time.day(date), n));
    }

    /**
     * {@link #addWorkingDays(LocalDate, long)} over many day numbers, in one
     * native call: the batch path.
     *
     * @param epochDays day numbers (days since 1970-01-01)
     * @param n working days to add to each
     * @return the day numbers of the answers
     * @throws CalendarNotCoveredException at the first day not covered ({@code details().get("index")})
     */
    public long[] addWorkingDays(long[] epochDays, long n) {
        return nAddWorkingDaysBatch(h(), java.util.Objects.requireNonNull(epochDays, "epochDays"), n);
    }

    /**
     * The first working day strictly after {@code date}.
     *
     * @param date a date
     * @return the next working day
     */
    public LocalDate nextWorkingDay(LocalDate date) {
        return addWorkingDays(date, 1);
    }

    /**
     * The last working day strictly before {@code date}.
     *
     * @param date a date
     * @return the previous working day
     */
    public LocalDate previousWorkingDay(LocalDate date) {
        return addWorkingDays(date, -1);
    }

    /**
     * The working days in {@code (a, b]}: after {@code a}, up to and including
     * {@code b}; negative when {@code b} is before {@code a}.
     *
     * @param a the start (not counted)
     * @param b the end (counted)
     * @return the count
     */
    public long workingDaysBetween(LocalDate a, LocalDate b) {
        return nWorkingDaysBetween(h(), Time.day(a), Time.day(b));
    }

    /**
     * The kind of the date, with the festival behind it.
     *
     * @param date a date
     * @return its kind
     */
    public DayKind dayKind(LocalDate date) {
        return new DayKind(Json.object(nDayKind(h(), Time.day(date))));
    }

    /**
     * Holidays, working days in lieu and local rest days of a year, in date order.
     *
     * @param year a covered year
     * @return the days and their kinds
     */
    @SuppressWarnings("unchecked")
    public List<Map.Entry<LocalDate, DayKind>> specialDays(int year) {
        List<Map.Entry<LocalDate, DayKind>> out = new ArrayList<>();
        for (Object o : Json.array(nSpecialDays(h(), year))) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(Time.dateOf(m.get("day")),
                    new DayKind((Map<String, Object>) m.get("kind"))));
        }
        return Collections.unmodifiableList(out);
    }

    private Map<String, Object> info() {
        Map<String, Object> i = info;
        if (i == null) {
            i = Json.object(nInfo(h()));
            info = i;
        }
        return i;
    }

    /**
     * @return the calendar's name
     */
    public String name() {
        return (String) info().get("name");
    }

    /**
     * @return the version of the calendar data
     */
    public String dataVersion() {
        return (String) info().get("data_version");
    }

    /**
     * @return the first covered year
     */
    public int firstYear() {
        return ((Number) info().get("first_year")).intValue();
    }

    /**
     * @return the last covered year
     */
    public int lastYear() {
        return ((Number) info().get("last_year")).intValue();
    }

    /**
     * The first and last covered dates.
     *
     * @return a two-element list: first, last
     */
    public List<LocalDate> coverage() {
        Map<String, Object> i = info();
        List<LocalDate> out = new ArrayList<>(2);
        out.add(Time.dateOf(i.get("first_day")));
        out.add(Time.dateOf(i.get("last_day")));
        return Collections.unmodifiableList(out);
    }

    /**
     * @return the first covered date
     */
    public LocalDate coverageStart() {
        return coverage().get(0);
    }

    /**
     * @return the last covered date
     */
    public LocalDate coverageEnd() {
        return coverage().get(1);
    }

    /**
     * Whether the date's year is covered.
     *
     * @param date a date
     * @return true when covered
     */
    public boolean covers(LocalDate date) {
        int y = date.getYear();
        return y >= firstYear() && y <= lastYear();
    }

    /**
     * A warning when the covered range ends within {@code withinDays} days of
     * {@code today} (or has ended); else null. Check it daily and tell an
     * administrator while it warns.
     *
     * @param today today's date, the caller's (Huying never reads the clock)
     * @param withinDays how many days ahead to warn (30 is usual)
     * @return the warning, or null
     */
    public CoverageWarning coverageWarning(LocalDate today, int withinDays) {
        String w = nCoverageWarning(h(), Time.day(today), withinDays);
        return w == null ? null : new CoverageWarning(Json.object(w));
    }

    private synchronized long extend(int how, String text, String source) {
        long[] r = nExtend(h(), how, java.util.Objects.requireNonNull(text), source);
        handle.replace(r[0]);
        info = null;
        return r[1];
    }

    /**
     * Adds a year from the State Council's notice
     * (国务院办公厅关于YYYY年部分节假日安排的通知) as published, or a separate
     * notice changing a covered year. The text is checked against itself
     * (each 共N天 against its span, weekdays in brackets against dates,
     * working days in lieu on weekends).
     *
     * @param text the notice's text
     * @return the notice's year
     * @throws CalendarNoticeException with {@code line()} and {@code column()}
     *     where the text disagrees; the calendar is then unchanged
     */
    public int extendFromNotice(String text) {
        return (int) extend(0, text, null);
    }

    /**
     * Adds or replaces years from {@code date<TAB>kind<TAB>name<TAB>name_zh} rows
     * (kind {@code holiday}, {@code workday} or {@code rest}). Unchanged on error.
     *
     * @param text the rows (a {@code # years: 2027-2027} header line gives the years)
     * @param source the name errors give the text
     */
    public void extendFromTsv(String text, String source) {
        extend(1, text, source);
    }

    /**
     * Adds or replaces years from a JSON list of {@code {"date", "kind", "name", "name_zh"}}
     * objects. Unchanged on error.
     *
     * @param text the JSON text
     * @param source the name errors give the text
     */
    public void extendFromJson(String text, String source) {
        extend(2, text, source);
    }

    /**
     * Adds the years in a file: notices' texts, {@code .tsv} or {@code .json} rows.
     * Unchanged on error.
     *
     * @param path the file
     */
    public void extendFromFile(Path path) {
        extend(3, path.toString(), null);
    }

    /**
     * @return the calendar's dated rows as TSV (what {@link #extendFromTsv} reads)
     */
    public String toTsv() {
        return nExport(h(), 0);
    }

    /**
     * @return the calendar's dated rows as JSON (what {@link #extendFromJson} reads)
     */
    public String toJson() {
        return nExport(h(), 1);
    }

    /**
     * This calendar with office hours, for working-hours limits ({@code 4wh})
     * and the close-of-business day end.
     *
     * @param schedule a timetable such as {@code "08:30-12:00,14:00-17:30"}, or schedule JSON
     * @return a new calendar
     * @throws ScheduleException for a schedule that cannot be read
     */
    public Calendar withSchedule(String schedule) {
        return new Calendar(nWithSchedule(h(), java.util.Objects.requireNonNull(schedule)));
    }

    /**
     * This calendar with office hours.
     *
     * @param schedule the schedule
     * @return a new calendar
     */
    public Calendar withSchedule(Schedule schedule) {
        return withSchedule(schedule.toJson());
    }

    /**
     * @return the office-hours schedule, or null
     */
    @SuppressWarnings("unchecked")
    public Schedule schedule() {
        Object s = info().get("schedule");
        return s == null ? null : new Schedule((String) s);
    }

    /**
     * Opening and closing instants of a date's office hours.
     *
     * @param date a date
     * @return open and close, or null on a rest day
     * @throws NoScheduleException without a schedule
     */
    public List<OffsetDateTime> businessHours(LocalDate date) {
        String s = nBusinessHours(h(), Time.day(date));
        if (s == null) {
            return null;
        }
        List<OffsetDateTime> out = new ArrayList<>(2);
        for (Object o : Json.array(s)) {
            out.add(Time.parse((String) o));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether an instant falls inside office hours.
     *
     * @param at an instant
     * @return true inside office hours
     */
    public boolean isWorkingTime(OffsetDateTime at) {
        return isWorkingTime(Time.of(at));
    }

    /**
     * Whether an instant falls inside office hours.
     *
     * @param at an instant
     * @return true inside office hours
     */
    public boolean isWorkingTime(Instant at) {
        return nIsWorkingTime(h(), at.getEpochSecond(), at.getNano());
    }

    /**
     * Working time from {@code a} to {@code b} (negative when {@code b} is before {@code a}).
     *
     * @param a from
     * @param b to
     * @return the working time
     */
    public Duration workingTimeBetween(OffsetDateTime a, OffsetDateTime b) {
        Instant x = Time.of(a);
        Instant y = Time.of(b);
        return Duration.ofNanos(nWorkingTimeBetween(h(), x.getEpochSecond(), x.getNano(),
                y.getEpochSecond(), y.getNano()));
    }

    /**
     * The earliest instant by which {@code amount} of working time has passed since {@code at}.
     *
     * @param at the start
     * @param amount working time
     * @return the instant, at +08:00
     */
    public OffsetDateTime addWorkingTime(OffsetDateTime at, Duration amount) {
        Instant x = Time.of(at);
        return Time.parse(nAddWorkingTime(h(), x.getEpochSecond(), x.getNano(),
                amount.getSeconds(), amount.getNano()));
    }

    /**
     * The deadline of a limit from a triggering instant, as the law counts
     * (day limits do not count the day of receipt and end at 24:00 of the n-th day).
     *
     * @param start the triggering instant
     * @param limit {@code 30m}, {@code 3h}, {@code 3d}, {@code 3wd}, {@code 4wh}, or
     *     {@code 30分钟}, {@code 3个工作日}, {@code 4个工作时}
     * @return the deadline, which explains itself
     * @throws LimitParseException for a limit that is not one
     */
    public Deadline deadline(OffsetDateTime start, String limit) {
        return deadline(Time.of(start), limit, "midnight");
    }

    /**
     * The deadline of a limit from a triggering instant.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @return the deadline
     */
    public Deadline deadline(Instant start, String limit) {
        return deadline(start, limit, "midnight");
    }

    /**
     * The deadline of a limit, with a day-end policy.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @param policy {@code "midnight"} (as the law counts) or {@code "close_of_business"}
     *     (needs a schedule)
     * @return the deadline
     */
    public Deadline deadline(OffsetDateTime start, String limit, String policy) {
        return deadline(Time.of(start), limit, policy);
    }

    /**
     * The deadline of a limit, with a day-end policy.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @param policy {@code "midnight"} or {@code "close_of_business"}
     * @return the deadline
     */
    public Deadline deadline(Instant start, String limit, String policy) {
        return new Deadline(nDeadline(h(), start.getEpochSecond(), start.getNano(),
                java.util.Objects.requireNonNull(limit, "limit"), policy));
    }

    /**
     * The deadline of a {@link Limit}, ending day limits at midnight.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @return the deadline
     */
    public Deadline deadline(OffsetDateTime start, Limit limit) {
        return deadline(Time.of(start), limit.toString(), "midnight");
    }

    /**
     * The due instant alone (no explanation): cheaper than {@link #deadline}.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @param policy {@code "midnight"} or {@code "close_of_business"}
     * @return the due instant at +08:00
     */
    public OffsetDateTime due(OffsetDateTime start, String limit, String policy) {
        Instant s = Time.of(start);
        return Time.parse(nDue(h(), s.getEpochSecond(), s.getNano(),
                java.util.Objects.requireNonNull(limit, "limit"), policy));
    }

    /**
     * The due instant alone, at midnight day end.
     *
     * @param start the triggering instant
     * @param limit the limit
     * @return the due instant at +08:00
     */
    public OffsetDateTime due(OffsetDateTime start, String limit) {
        return due(start, limit, "midnight");
    }

    @Override
    public String toString() {
        return "Calendar(" + name() + ", " + firstYear() + ".." + lastYear() + ")";
    }

    private static native long nChina();

    private static native long nChinaWithFile(String path);

    private native boolean nIsWorkingDay(long h, long day);

    private native long nAddWorkingDays(long h, long day, long n);

    private native long nWorkingDaysBetween(long h, long a, long b);

    private native long[] nAddWorkingDaysBatch(long h, long[] days, long n);

    private native boolean[] nIsWorkingDayBatch(long h, long[] days);

    private native String nDayKind(long h, long day);

    private native String nSpecialDays(long h, int year);

    private native String nInfo(long h);

    private native String nCoverageWarning(long h, long today, int within);

    private native long[] nExtend(long h, int how, String text, String source);

    private native long nWithSchedule(long h, String schedule);

    private native String nExport(long h, int format);

    private native String nBusinessHours(long h, long day);

    private native boolean nIsWorkingTime(long h, long s, int n);

    private native long nWorkingTimeBetween(long h, long as, int an, long bs, int bn);

    private native String nAddWorkingTime(long h, long s, int n, long amountS, int amountN);

    private native long nDeadline(long h, long s, int n, String limit, String policy);

    private native String nDue(long h, long s, int n, String limit, String policy);
}
