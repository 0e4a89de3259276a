package org.huying;

/**
 * Report or generator settings that cannot be used, e.g. a dimension twice ({@code compliance.config}, {@code compliance.generator}).
 */
public class ReportConfigException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    ReportConfigException(String code, String message, String details) {
        super(code, message, details);
    }
}
