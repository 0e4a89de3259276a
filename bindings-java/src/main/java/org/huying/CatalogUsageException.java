package org.huying;

/**
 * A unit used in a role it cannot have, e.g. a county unit given as a township ({@code catalog.not_a_township}, {@code catalog.not_a_county_unit}).
 */
public class CatalogUsageException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CatalogUsageException(String code, String message, String details) {
        super(code, message, details);
    }
}
