package org.huying;

/**
 * A limit that is not one, such as {@code "3 weeks"} ({@code limit.parse}).
 */
public class LimitParseException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    LimitParseException(String code, String message, String details) {
        super(code, message, details);
    }
}
