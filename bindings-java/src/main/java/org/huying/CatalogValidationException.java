package org.huying;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A responsibility list that does not validate ({@code catalog.invalid}); {@link #problems()} lists every problem with its file, row and field.
 */
public class CatalogValidationException extends HuyingException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** Made by the native library: the code, message and details as JSON. */
    CatalogValidationException(String code, String message, String details) {
        super(code, message, details);
    }

    /**
     * Every problem found, in order, each with its file, row and field.
     *
     * @return an unmodifiable list
     */
    @SuppressWarnings("unchecked")
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (Object p : rawProblems()) {
            out.add(new Problem((Map<String, Object>) p));
        }
        return Collections.unmodifiableList(out);
    }
}
