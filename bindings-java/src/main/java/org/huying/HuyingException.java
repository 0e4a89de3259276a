package org.huying;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The root of every error Huying throws. {@link #code()} is the core's
 * stable dotted code (e.g. {@code calendar.not_covered}), the same in Rust,
 * Python and JavaScript; the subclass is the code's family
 * ({@code huying::ErrorKind}): {@link CalendarNotCoveredException},
 * {@link LimitParseException}, {@link CatalogValidationException}, ….
 * Where core says where an error is, {@link #file()}, {@link #row()},
 * {@link #field()}, {@link #line()} and {@link #column()} say it too.
 *
 * <p>A panic inside the native library (a bug) becomes a
 * {@code HuyingException} with code {@code internal}; the JVM and the
 * library stay usable.
 */
public class HuyingException extends RuntimeException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** The stable code. */
    private final String code;
    /** Where the error is, as core says (not serialized). */
    private final transient Map<String, Object> details;

    /**
     * An error with a code and a message.
     *
     * @param code the stable code
     * @param message the message
     */
    public HuyingException(String code, String message) {
        this(code, message, "{}");
    }

    /** Made by the native library: the code, message and details as JSON. */
    HuyingException(String code, String message, String details) {
        super(message);
        this.code = code;
        Map<String, Object> d;
        try {
            d = details == null ? Collections.emptyMap() : Json.object(details);
        } catch (RuntimeException e) {
            d = Collections.emptyMap();
        }
        this.details = d;
    }

    /**
     * The stable code, e.g. {@code calendar.not_covered}, {@code call.wrong_role},
     * or {@code internal} for a bug.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * What core says of where the error is, as read from it: keys such as
     * {@code file}, {@code row}, {@code field}, {@code line}, {@code column},
     * {@code year}, {@code index} (of a batch), {@code problems}.
     *
     * @return an unmodifiable map, empty when core says nothing
     */
    public Map<String, Object> details() {
        return details == null ? Collections.emptyMap() : details;
    }

    /**
     * @return the file (or {@code file#sheet}, or data source) of the error, or null
     */
    public String file() {
        Object v = details().get("file");
        return v == null ? null : v.toString();
    }

    /**
     * @return the 1-based row of a list file's problem, if core gives one
     */
    public OptionalInt row() {
        return number("row");
    }

    /**
     * @return the column name, JSON path or cell of the error, or null
     */
    public String field() {
        Object v = details().get("field");
        return v == null ? null : v.toString();
    }

    /**
     * @return the 1-based line (of a notice, calendar data or an event log), if known
     */
    public OptionalInt line() {
        return number("line");
    }

    /**
     * @return the 1-based column (of a notice), if known
     */
    public OptionalInt column() {
        return number("column");
    }

    private OptionalInt number(String key) {
        Object v = details().get(key);
        return v instanceof Number ? OptionalInt.of(((Number) v).intValue()) : OptionalInt.empty();
    }

    @SuppressWarnings("unchecked")
    List<Object> rawProblems() {
        Object v = details().get("problems");
        return v instanceof List ? (List<Object>) v : Collections.emptyList();
    }
}
