package org.huying;

/**
 * A unit, matter or edition the list does not have, or an instant before the list ({@code catalog.unknown_*}, {@code catalog.before_list}, {@code call.unknown_matter}).
 */
public class CatalogLookupException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CatalogLookupException(String code, String message, String details) {
        super(code, message, details);
    }
}
