package org.huying;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compliance statistics over many calls' event logs: per call and stage,
 * whether each deadline was met and by how much it was missed; rates per
 * department, township, matter, domain and period (the denominator is the
 * calls that were due); the department evaluation and accountability by
 * the list.
 *
 * <pre>{@code
 * ComplianceReport r = ComplianceReport.fromLog(Paths.get("calls.jsonl"),
 *         ComplianceReport.options().catalog(Catalog.sample()).by("department"));
 * System.out.println(r.toText("zh"));
 * for (Map<String, Object> row : r.rows("en")) ...
 * }</pre>
 *
 * Immutable and thread-safe once made.
 */
public final class ComplianceReport extends NativeObject {
    private volatile Map<String, Object> json;

    private ComplianceReport(long h) {
        super(Native.REPORT, h);
    }

    /**
     * @return default options: no list, no grouping, the latest event as {@code as_of}, bad lines skipped
     */
    public static Options options() {
        return new Options();
    }

    /**
     * How a report is made: the list (attributes missed stages and names
     * units), the grouping, the instant open calls are judged at, the
     * calendar, one policy for every call, and what to do with a bad line.
     * Each method returns new options.
     */
    public static final class Options {
        private Catalog catalog;
        private String by = "";
        private OffsetDateTime asOf;
        private Calendar calendar;
        private CallPolicy policy;
        private String onError = "skip";

        private Options copy() {
            Options o = new Options();
            o.catalog = catalog;
            o.by = by;
            o.asOf = asOf;
            o.calendar = calendar;
            o.policy = policy;
            o.onError = onError;
            return o;
        }

        /**
         * @param catalog the list, or null
         * @return new options
         */
        public Options catalog(Catalog catalog) {
            Options o = copy();
            o.catalog = catalog;
            return o;
        }

        /**
         * Groups rows by dimensions: {@code department}, {@code unit},
         * {@code township}, {@code matter}, {@code domain}, {@code day},
         * {@code week}, {@code month}, {@code quarter}, {@code year}.
         *
         * @param dimensions the dimensions, in order
         * @return new options
         */
        public Options by(String... dimensions) {
            Options o = copy();
            o.by = String.join(",", dimensions);
            return o;
        }

        /**
         * @param asOf the instant open calls are judged at (null: the latest event)
         * @return new options
         */
        public Options asOf(OffsetDateTime asOf) {
            Options o = copy();
            o.asOf = asOf;
            return o;
        }

        /**
         * @param calendar the calendar (null: {@link Calendar#china()})
         * @return new options
         */
        public Options calendar(Calendar calendar) {
            Options o = copy();
            o.calendar = calendar;
            return o;
        }

        /**
         * @param policy one policy for every call (null: the list's, or trust everyone)
         * @return new options
         */
        public Options policy(CallPolicy policy) {
            Options o = copy();
            o.policy = policy;
            return o;
        }

        /**
         * What to do with a bad line.
         *
         * @param onError {@code skip} (count it; the default) or {@code fail} ({@link LogLineException})
         * @return new options
         */
        public Options onError(String onError) {
            Options o = copy();
            o.onError = java.util.Objects.requireNonNull(onError);
            return o;
        }

        ComplianceReport run(String path, LineSource lines) {
            java.time.Instant t = asOf == null ? null : asOf.toInstant();
            return new ComplianceReport(nRun(path, lines,
                    catalog == null ? 0 : catalog.h(), catalog, by,
                    t == null ? Time.NONE : t.getEpochSecond(), t == null ? 0 : t.getNano(),
                    calendar == null ? 0 : calendar.h(), calendar,
                    policy == null ? 0 : policy.h(), policy, onError));
        }
    }

    /** Hands the native side whole lines, as UTF-8, 64 KiB or so at a time. Internal. */
    static final class LineSource {
        private final Iterator<String> it;

        LineSource(Iterator<String> it) {
            this.it = it;
        }

        /** Called by the native library: the next chunk, or null at the end. */
        byte[] next() {
            if (!it.hasNext()) {
                return null;
            }
            StringBuilder b = new StringBuilder(1 << 16);
            while (it.hasNext() && b.length() < (1 << 16)) {
                String line = it.next();
                b.append(line == null ? "" : line).append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A report over a log file: JSON lines, or CSV when the name ends in
     * {@code .csv}. The file is read in the native library, line by line.
     *
     * @param path the log
     * @param options the options
     * @return the report
     * @throws LogReadException for a file that cannot be read
     * @throws LogLineException for a bad line under {@code onError("fail")}
     */
    public static ComplianceReport fromLog(Path path, Options options) {
        return options.run(path.toString(), null);
    }

    /**
     * A report over a log file with default options.
     *
     * @param path the log
     * @return the report
     */
    public static ComplianceReport fromLog(Path path) {
        return fromLog(path, options());
    }

    /**
     * A report over events given as JSON lines (one event per string),
     * streamed to the native library in chunks.
     *
     * @param lines the lines
     * @param options the options
     * @return the report
     */
    public static ComplianceReport fromLines(Iterable<String> lines, Options options) {
        return options.run(null, new LineSource(lines.iterator()));
    }

    /**
     * A report over events given as JSON lines, with default options.
     *
     * @param lines the lines
     * @return the report
     */
    public static ComplianceReport fromLines(Iterable<String> lines) {
        return fromLines(lines, options());
    }

    /**
     * Writes a deterministic, realistic log of the sample county (or of a
     * list): {@code calls} calls over {@code days} days from {@code start}.
     *
     * @param catalog the list, or null for {@link Catalog#sample()}
     * @param calls how many calls
     * @param days over how many days
     * @param start the first day
     * @param seed the seed
     * @param csv CSV instead of JSON lines
     * @return the log's text
     */
    public static String generateLog(Catalog catalog, long calls, int days, LocalDate start, long seed,
            boolean csv) {
        return nGenerate(catalog == null ? 0 : catalog.h(), catalog, 0, null, calls, days,
                start.toEpochDay(), seed, csv);
    }

    /**
     * @return the whole report as pretty-printed JSON (the core's form)
     */
    public String toJson() {
        return nRender(h(), 0, "en");
    }

    /**
     * The report as text for people.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the text
     */
    public String toText(String lang) {
        return nRender(h(), 1, Time.lang(lang));
    }

    /**
     * The total and the groups as a CSV table (rates 0–1, times in seconds).
     *
     * @param lang {@code "zh"} or {@code "en"} (column names)
     * @return the CSV text
     */
    public String toCsv(String lang) {
        return nRender(h(), 2, Time.lang(lang));
    }

    /**
     * The department ranking as CSV.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the CSV text
     */
    public String rankingCsv(String lang) {
        return nRender(h(), 3, Time.lang(lang));
    }

    /**
     * The rows of {@link #toCsv}: one map per row, column name to value
     * ({@code String}, {@code Long}, {@code Double} for rates, or null where
     * undefined); {@code row} is {@code total} or {@code group}.
     *
     * @param lang {@code "zh"} or {@code "en"} (column names)
     * @return the rows
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rows(String lang) {
        Map<String, Object> t = Json.object(nRender(h(), 4, Time.lang(lang)));
        List<Object> columns = (List<Object>) t.get("columns");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : (List<Object>) t.get("rows")) {
            List<Object> cells = (List<Object>) r;
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size() && i < cells.size(); i++) {
                row.put((String) columns.get(i), cells.get(i));
            }
            out.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @return the whole report as a map (the core's JSON form)
     */
    public Map<String, Object> toMap() {
        Map<String, Object> j = json;
        if (j == null) {
            j = Json.object(toJson());
            json = j;
        }
        return j;
    }

    /**
     * @return every call together: counts, stages, rates
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> total() {
        return (Map<String, Object>) toMap().get("total");
    }

    /**
     * @return one map per group, sorted by key (periods in time order)
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> groups() {
        return (List<Map<String, Object>>) toMap().get("groups");
    }

    /**
     * @return the department evaluation (scores and ranking)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> evaluation() {
        return (Map<String, Object>) toMap().get("evaluation");
    }

    /**
     * @return missed stages by accountable unit, most first
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> accountability() {
        return (List<Map<String, Object>>) toMap().get("accountability");
    }

    /**
     * @return what was read: lines, events, calls, skipped and bad lines
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> input() {
        return (Map<String, Object>) toMap().get("input");
    }

    /**
     * @return the instant open calls were judged at, or null (no events)
     */
    public OffsetDateTime asOf() {
        return Time.parse((String) toMap().get("as_of"));
    }

    @Override
    public String toString() {
        return "ComplianceReport(" + total().get("calls") + " calls, " + groups().size() + " groups)";
    }

    private static native long nRun(String path, LineSource lines, long cat, Catalog kc, String by,
            long s, int n, long cal, Calendar kcal, long pol, CallPolicy kp, String onError);

    private native String nRender(long h, int what, String lang);

    private static native String nGenerate(long cat, Catalog kc, long cal, Calendar kcal, long calls,
            int days, long start, long seed, boolean csv);
}
