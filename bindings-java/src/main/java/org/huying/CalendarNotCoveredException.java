package org.huying;

/**
 * A date outside the years the calendar covers ({@code calendar.not_covered}): the answer would be a guess. {@code details().get("year")} is the year; load its notice with {@link Calendar#extendFromNotice(String)}.
 */
public class CalendarNotCoveredException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CalendarNotCoveredException(String code, String message, String details) {
        super(code, message, details);
    }
}
