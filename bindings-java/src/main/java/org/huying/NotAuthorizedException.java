package org.huying;

/**
 * An identity that may not do what an event says ({@code call.not_authorized}, {@code call.wrong_role}, {@code call.unknown_unit}). The embedding platform authenticates who sent an event; Huying checks what that identity may do.
 */
public class NotAuthorizedException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    NotAuthorizedException(String code, String message, String details) {
        super(code, message, details);
    }
}
