package org.huying;

/**
 * A log that cannot be read from its file or stream ({@code compliance.io}).
 */
public class LogReadException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    LogReadException(String code, String message, String details) {
        super(code, message, details);
    }
}
