package org.huying;

/**
 * A working-hours question asked of a calendar without office hours ({@code calendar.no_schedule}): use {@link Calendar#withSchedule(String)} first.
 */
public class NoScheduleException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    NoScheduleException(String code, String message, String details) {
        super(code, message, details);
    }
}
