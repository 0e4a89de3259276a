package org.huying;

/**
 * Calendar data that cannot be read or would leave a gap in the covered years ({@code calendar.bad_data}, {@code calendar.not_contiguous}); {@link #file()}, {@link #line()} and {@link #field()} say where.
 */
public class CalendarDataException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CalendarDataException(String code, String message, String details) {
        super(code, message, details);
    }
}
