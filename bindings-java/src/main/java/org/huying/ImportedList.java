package org.huying;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A list read from the officials' sheet: the {@link #catalog()}, the
 * {@link #problems()} the import warns of (a duty phrase it did not
 * understand, kept as text; no approval reference) with their cells, and
 * the guesses it made.
 */
public final class ImportedList {
    private final Catalog catalog;
    private final Map<String, Object> report;

    ImportedList(Catalog catalog, Map<String, Object> report) {
        this.catalog = catalog;
        this.report = report;
    }

    /**
     * @return the list read
     */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * @return the warnings, each a {@link Problem} whose {@code field()} is the cell (e.g. {@code G9})
     */
    @SuppressWarnings("unchecked")
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (Object p : (List<Object>) report.get("warnings")) {
            out.add(new Problem((Map<String, Object>) p));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @return the guesses: maps with {@code cell}, {@code text}, {@code meaning_en}, {@code meaning_zh}
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> guesses() {
        return (List<Map<String, Object>>) report.get("guesses");
    }

    /**
     * @return the sheet read ({@code file#sheet}, or the file for CSV)
     */
    public String file() {
        return (String) report.get("file");
    }

    /**
     * @return the 1-based row of the header
     */
    public int headerRow() {
        return ((Number) report.get("header_row")).intValue();
    }

    /**
     * @return the matter rows read
     */
    public int rowsRead() {
        return ((Number) report.get("rows_read")).intValue();
    }

    /**
     * The report in words: a line per warning and guess.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the text
     */
    public String report(String lang) {
        return (String) report.get(Time.lang(lang).equals("en") ? "text_en" : "text_zh");
    }

    @Override
    public String toString() {
        return "ImportedList(" + file() + ", " + rowsRead() + " rows, " + problems().size() + " problems)";
    }
}
