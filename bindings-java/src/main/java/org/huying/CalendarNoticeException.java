package org.huying;

/**
 * A State Council holiday notice that cannot be read or does not agree with itself ({@code calendar.bad_notice}); {@link #line()} and {@link #column()} say where. The calendar is unchanged.
 */
public class CalendarNoticeException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CalendarNoticeException(String code, String message, String details) {
        super(code, message, details);
    }
}
