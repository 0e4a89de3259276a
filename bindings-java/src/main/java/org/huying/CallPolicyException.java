package org.huying;

/**
 * A call policy that cannot be used, e.g. a warning fraction outside 0..1 ({@code call.bad_policy}).
 */
public class CallPolicyException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CallPolicyException(String code, String message, String details) {
        super(code, message, details);
    }
}
