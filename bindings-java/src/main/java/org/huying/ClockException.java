package org.huying;

/**
 * An SLA clock used out of order ({@code clock.time_backwards}, {@code clock.bad_state}, {@code clock.unit_mismatch}).
 */
public class ClockException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    ClockException(String code, String message, String details) {
        super(code, message, details);
    }
}
