package org.huying;

/**
 * An event or a line of a log that cannot be read or is refused ({@code call.bad_event}, {@code call.bad_payload}, {@code call.duplicate_event}, {@code compliance.bad_line}); {@link #line()} is its 1-based line.
 */
public class LogLineException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    LogLineException(String code, String message, String details) {
        super(code, message, details);
    }
}
