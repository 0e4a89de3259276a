package org.huying;

/**
 * An office-hours schedule that cannot be read or used ({@code calendar.bad_schedule}).
 */
public class ScheduleException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    ScheduleException(String code, String message, String details) {
        super(code, message, details);
    }
}
