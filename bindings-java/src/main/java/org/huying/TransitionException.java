package org.huying;

/**
 * An event the call refuses: not allowed in its state, out of order in time, for another call, or against its clocks ({@code call.invalid_transition}, {@code call.time_backwards}, {@code call.stage}, {@code call.extension}, {@code call.reminder}, {@code call.wrong_call}, {@code call.not_raised}, {@code call.empty}). A refused event changes nothing.
 */
public class TransitionException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    TransitionException(String code, String message, String details) {
        super(code, message, details);
    }
}
