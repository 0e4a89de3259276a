package org.huying;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The responsibility list (属地管理事项清单): units, matters with their
 * primary and supporting duties, and approved revisions, each with an
 * effective date. Every question is asked as of an instant and answered by
 * the edition in force then (dynamic adjustment, 清单动态调整).
 *
 * <p>Immutable and thread-safe. Units, matters, resolutions and admissions
 * come back as unmodifiable maps in the core's canonical JSON form (what
 * {@link #toJson()} writes), e.g. {@code resolve(...).get("primary")} is
 * the primary unit's map with its {@code "id"}.
 */
public final class Catalog extends NativeObject {
    Catalog(long h) {
        super(Native.CATALOG, h);
    }

    /**
     * The illustrative county list shipped with Huying: 91 matters, 14
     * townships, and one revision (XJ-2026-R1, from 2026-03-01).
     *
     * @return the sample list
     */
    public static Catalog sample() {
        return new Catalog(nSample());
    }

    /**
     * Reads and validates a list from a file: {@code .json}, {@code .xlsx}, or a
     * folder (or one file in it) holding {@code list}, {@code units},
     * {@code matters} and optionally {@code revisions} as {@code .csv} or {@code .tsv}.
     *
     * @param path the file or folder
     * @return the list
     * @throws CatalogValidationException with every problem found
     * @throws CatalogReadException for a file that cannot be read
     */
    public static Catalog load(Path path) {
        return new Catalog(nLoad(path.toString()));
    }

    /**
     * Reads and validates a list from its JSON text (the canonical form).
     *
     * @param text the JSON
     * @param file the name problems give the text
     * @return the list
     */
    public static Catalog fromJson(String text, String file) {
        return new Catalog(nFromJson(java.util.Objects.requireNonNull(text), file));
    }

    /**
     * Reads and validates a list from its JSON text.
     *
     * @param text the JSON
     * @return the list
     */
    public static Catalog fromJson(String text) {
        return fromJson(text, "list.json");
    }

    /**
     * Reads and validates a list from the texts of its CSV tables.
     *
     * @param list the list table
     * @param units the units table
     * @param matters the matters table
     * @param revisions the revisions table, or null
     * @return the list
     */
    public static Catalog fromCsv(String list, String units, String matters, String revisions) {
        return new Catalog(nFromTables(false, list, units, matters, revisions));
    }

    /**
     * Reads and validates a list from the texts of its TSV tables.
     *
     * @param list the list table
     * @param units the units table
     * @param matters the matters table
     * @param revisions the revisions table, or null
     * @return the list
     */
    public static Catalog fromTsv(String list, String units, String matters, String revisions) {
        return new Catalog(nFromTables(true, list, units, matters, revisions));
    }

    /**
     * Reads and validates a list from a workbook's bytes (sheets {@code list},
     * {@code units}, {@code matters}, optionally {@code revisions}).
     *
     * @param bytes the XLSX file's bytes
     * @param file its name, for problems
     * @return the list
     */
    public static Catalog fromXlsx(byte[] bytes, String file) {
        return new Catalog(nFromXlsx(bytes, file));
    }

    /**
     * Reads the list as officials keep it (issue 25): an XLSX workbook or a
     * CSV/TSV file with a title row, a Chinese header (序号, 领域, 事项名称,
     * 主体责任单位, 配合责任单位, 配合责任内容, …), 领域 merged over its
     * matters, units by name and duties as phrases.
     *
     * @param path the file
     * @param options the effective date (required), reference and where the units are
     * @return the list and what the import warns of
     * @throws CatalogValidationException whose problems name the cells ({@code field()} e.g. {@code D7})
     * @throws CatalogReadException for a file that cannot be read
     */
    public static ImportedList importList(Path path, ImportOptions options) {
        return options.run(null, null, path.toString());
    }

    /**
     * {@link #importList(Path, ImportOptions)} from a file's bytes.
     *
     * @param bytes the XLSX or CSV file's bytes
     * @param file its name (its extension says the format)
     * @param options the effective date (required), reference and where the units are
     * @return the list and what the import warns of
     */
    public static ImportedList importList(byte[] bytes, String file, ImportOptions options) {
        return options.run(file, java.util.Objects.requireNonNull(bytes), null);
    }

    /**
     * {@link #importList(byte[], String, ImportOptions)} for an XLSX workbook's bytes.
     *
     * @param bytes the XLSX bytes
     * @param options the options
     * @return the list and what the import warns of
     */
    public static ImportedList importList(byte[] bytes, ImportOptions options) {
        return importList(bytes, "list.xlsx", options);
    }

    /**
     * The list in force now as an XLSX workbook in the officials' layout (a
     * title, the reference, a Chinese header, 领域 merged over its matters,
     * a sheet 单位): what {@link #importList} reads back.
     *
     * @return the workbook's bytes
     */
    public byte[] toXlsx() {
        return nToXlsx(h());
    }

    private Object query(int what, String a, String b, Instant at) {
        long s = at == null ? Time.NONE : at.getEpochSecond();
        int n = at == null ? 0 : at.getNano();
        return Json.parse(nQuery(h(), what, a, b, s, n));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(int what, String a, Instant at) {
        return (Map<String, Object>) query(what, a, null, at);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(int what, String a, Instant at) {
        return (List<Map<String, Object>>) query(what, a, null, at);
    }

    private static Instant at(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * @return the list as JSON (the canonical form, what {@link #fromJson} reads)
     */
    public String toJson() {
        return (String) query(13, null, null, null);
    }

    /**
     * @return the list as a map (the canonical form)
     */
    public Map<String, Object> toMap() {
        return map(0, null, null);
    }

    /**
     * The tables as delimited texts.
     *
     * @param delimiter {@code ","} or {@code "\t"}
     * @return {@code list}, {@code units}, {@code matters}, {@code revisions}
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> toTables(String delimiter) {
        return (Map<String, String>) (Map<?, ?>) map(10, delimiter, null);
    }

    /**
     * @return all units
     */
    public List<Map<String, Object>> units() {
        return list(1, null, null);
    }

    /**
     * The unit with an id.
     *
     * @param id e.g. {@code U010}
     * @return the unit, or null
     */
    public Map<String, Object> unit(String id) {
        return map(2, java.util.Objects.requireNonNull(id), null);
    }

    /**
     * @return the townships and street offices
     */
    public List<Map<String, Object>> townships() {
        return list(3, null, null);
    }

    /**
     * The editions: the original list, then each revision, each with
     * {@code id}, {@code reference}, {@code title_zh}, {@code effective},
     * {@code start}, {@code matters} (its count) and {@code township_primary}.
     *
     * @return the editions in order
     */
    public List<Map<String, Object>> editions() {
        return list(4, null, null);
    }

    /**
     * @return the latest edition
     */
    public Map<String, Object> edition() {
        return map(5, null, null);
    }

    /**
     * The edition in force at an instant.
     *
     * @param at the instant
     * @return the edition
     * @throws CatalogLookupException before the list takes effect ({@code catalog.before_list})
     */
    public Map<String, Object> edition(OffsetDateTime at) {
        return map(5, null, at(java.util.Objects.requireNonNull(at)));
    }

    /**
     * The edition with an id.
     *
     * @param id e.g. {@code XJ-2026-R1}
     * @return the edition
     */
    public Map<String, Object> edition(String id) {
        return map(14, java.util.Objects.requireNonNull(id), null);
    }

    /**
     * @return the matters of the latest edition
     */
    public List<Map<String, Object>> matters() {
        return list(6, null, null);
    }

    /**
     * The matters of the edition in force at an instant.
     *
     * @param at the instant
     * @return the matters
     */
    public List<Map<String, Object>> matters(OffsetDateTime at) {
        return list(6, null, at(java.util.Objects.requireNonNull(at)));
    }

    /**
     * The matter with an id in the latest edition.
     *
     * @param id e.g. {@code M001}
     * @return the matter, or null
     */
    public Map<String, Object> matter(String id) {
        return map(7, java.util.Objects.requireNonNull(id), null);
    }

    /**
     * The matter with an id in the edition in force at an instant.
     *
     * @param id the matter
     * @param at the instant
     * @return the matter, or null
     */
    public Map<String, Object> matter(String id, OffsetDateTime at) {
        return map(7, java.util.Objects.requireNonNull(id), at(at));
    }

    /**
     * Matters whose names or texts contain every keyword, in the latest edition.
     *
     * @param keywords words separated by spaces
     * @return the matters
     */
    public List<Map<String, Object>> search(String keywords) {
        return list(8, java.util.Objects.requireNonNull(keywords), null);
    }

    /**
     * A matter's history: one {@code {"edition", "event", "matter"}} per change.
     *
     * @param matter the matter
     * @return the entries
     */
    public List<Map<String, Object>> history(String matter) {
        return list(9, java.util.Objects.requireNonNull(matter), null);
    }

    /**
     * The duty matrix (matters × units) of the edition in force at an instant, as CSV.
     *
     * @param at the instant, or null for the latest edition
     * @param lang {@code "zh"} or {@code "en"}
     * @return the CSV text
     */
    public String matrixCsv(OffsetDateTime at, String lang) {
        return (String) query(11, Time.lang(lang), null, at(at));
    }

    /**
     * The changes between two editions, in words.
     *
     * @param fromEdition an edition id
     * @param toEdition a later edition id
     * @param lang {@code "zh"} or {@code "en"}
     * @return the summary
     */
    public String diff(String fromEdition, String toEdition, String lang) {
        return nDiff(h(), fromEdition, toEdition, Time.lang(lang));
    }

    /**
     * Who answers for a matter arising in a township at an instant: the
     * {@code primary} unit (a stationed agency where there is one), the
     * {@code department} behind it, and the {@code supporting} units with
     * their {@code duty}; {@code edition} is the edition in force.
     *
     * @param matter the matter id
     * @param township the township id
     * @param at the instant
     * @return the resolution
     * @throws CatalogLookupException for a matter or unit the list does not have
     * @throws CatalogUsageException for a township that is not one
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolve(String matter, String township, OffsetDateTime at) {
        return resolve(matter, township, Time.of(at));
    }

    /**
     * {@link #resolve(String, String, OffsetDateTime)} at an {@code Instant}.
     *
     * @param matter the matter id
     * @param township the township id
     * @param at the instant
     * @return the resolution
     */
    public Map<String, Object> resolve(String matter, String township, Instant at) {
        return Json.object(nResolve(h(), matter, township, at.getEpochSecond(), at.getNano()));
    }

    /**
     * Who answers for a missed stage ({@code dispatch}, {@code arrival},
     * {@code reply}) or duty ({@code patrol}, …) on a matter in a township
     * (依单监管问责): {@code units}, {@code department}, {@code edition},
     * {@code explain_zh}, {@code explain_en}.
     *
     * @param matter the matter id
     * @param township the township id
     * @param breach a stage or duty code
     * @param at the instant
     * @return the accountability
     */
    public Map<String, Object> accountable(String matter, String township, String breach,
            OffsetDateTime at) {
        Instant t = Time.of(at);
        return Json.object(nAccountable(h(), matter, township, breach, t.getEpochSecond(), t.getNano()));
    }

    /**
     * Whether a county unit may hand a duty down to a township
     * (交办事项准入): {@code decision} ({@code admitted}, {@code refused},
     * {@code needs_approval}), {@code reason} and {@code edition}.
     *
     * @param fromUnit the county unit handing the task down
     * @param township the township
     * @param duty a duty code: {@code patrol}, {@code report}, {@code assist_enforcement}, …
     * @param at the instant
     * @param matter the matter id, or null
     * @return the admission
     */
    public Map<String, Object> admit(String fromUnit, String township, String duty, OffsetDateTime at,
            String matter) {
        Instant t = Time.of(at);
        return Json.object(nAdmit(h(), fromUnit, township, duty, matter, t.getEpochSecond(), t.getNano()));
    }

    /**
     * @return the number of matters in the latest edition
     */
    public int size() {
        return ((Number) edition().get("matters")).intValue();
    }

    @Override
    public String toString() {
        return "Catalog(" + toMap().get("id") + ", " + size() + " matters)";
    }

    private static native long nSample();

    private static native long nLoad(String path);

    private static native long nFromJson(String text, String file);

    private static native long nFromTables(boolean tsv, String list, String units, String matters,
            String revisions);

    private static native long nFromXlsx(byte[] bytes, String file);

    static native String nImport(String file, byte[] bytes, String path, long effective,
            String reference, int unitsMode, long unitsCatalog, Catalog keep, String unitsPath);

    private native byte[] nToXlsx(long h);

    private native String nQuery(long h, int what, String a, String b, long s, int n);

    private native String nDiff(long h, String from, String to, String lang);

    private native String nResolve(long h, String matter, String township, long s, int n);

    private native String nAccountable(long h, String matter, String township, String breach, long s,
            int n);

    private native String nAdmit(long h, String from, String township, String duty, String matter,
            long s, int n);
}
