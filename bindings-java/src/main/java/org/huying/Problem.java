package org.huying;

import java.util.Map;
import java.util.OptionalInt;

/** One problem of a responsibility list: where (file, row, field) and what, in Chinese and English. */
public final class Problem {
    private final String code;
    private final String file;
    private final Integer row;
    private final String field;
    private final String messageEn;
    private final String messageZh;

    Problem(Map<String, Object> m) {
        this.code = str(m.get("code"));
        this.file = str(m.get("file"));
        Object r = m.get("row");
        this.row = r instanceof Number ? ((Number) r).intValue() : null;
        this.field = str(m.get("field"));
        this.messageEn = str(m.get("message_en"));
        this.messageZh = str(m.get("message_zh"));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * @return the stable code of the problem, e.g. {@code catalog.unknown_unit}
     */
    public String code() {
        return code;
    }

    /**
     * @return the file (or {@code file#sheet})
     */
    public String file() {
        return file;
    }

    /**
     * @return the 1-based row (the header is row 1), where the format has rows
     */
    public OptionalInt row() {
        return row == null ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /**
     * @return the column, JSON path or cell (e.g. {@code D7})
     */
    public String field() {
        return field;
    }

    /**
     * The message in a language.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return what was wrong
     */
    public String message(String lang) {
        return Time.lang(lang).equals("en") ? messageEn : messageZh;
    }

    @Override
    public String toString() {
        return file + (row == null ? "" : ":" + row) + (field.isEmpty() ? "" : ": " + field)
                + ": " + messageEn;
    }
}
