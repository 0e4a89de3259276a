package org.huying;

/**
 * A list file that cannot be read: missing, unreadable, or not text ({@code catalog.read}).
 */
public class CatalogReadException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CatalogReadException(String code, String message, String details) {
        super(code, message, details);
    }
}
