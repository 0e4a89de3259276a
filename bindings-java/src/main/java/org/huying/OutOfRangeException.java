package org.huying;

/**
 * An instant or amount the arithmetic cannot represent ({@code calendar.out_of_range}).
 */
public class OutOfRangeException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    OutOfRangeException(String code, String message, String details) {
        super(code, message, details);
    }
}
