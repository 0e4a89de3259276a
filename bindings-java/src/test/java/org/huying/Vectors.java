package org.huying;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the shared test vectors in tests/vectors/ (repository root). */
final class Vectors {
    /** The files read so far, for the check that every file has a runner. */
    static final Set<String> LOADED = java.util.Collections.synchronizedSet(new TreeSet<>());

    private Vectors() {}

    static Path repo() {
        String p = System.getProperty("huying.repo");
        return p != null ? Paths.get(p) : Paths.get("..");
    }

    static Path dir() {
        return repo().resolve("tests").resolve("vectors");
    }

    static Map<String, Object> load(String name) {
        LOADED.add(name);
        try {
            String text = new String(Files.readAllBytes(dir().resolve(name)), StandardCharsets.UTF_8);
            Map<String, Object> v = Json.object(text);
            if (((Number) v.get("version")).intValue() != 1) {
                throw new AssertionError(name + ": unknown vector version");
            }
            return v;
        } catch (IOException e) {
            throw new AssertionError(name + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(Map<String, Object> v, String key) {
        List<Map<String, Object>> l = (List<Map<String, Object>>) v.get(key);
        if (l == null || l.isEmpty()) {
            throw new AssertionError(key + ": no cases");
        }
        return l;
    }

    static OffsetDateTime instant(Object s) {
        return OffsetDateTime.parse((String) s);
    }

    static String name(Map<String, Object> c) {
        Object n = c.get("name");
        if (n == null) {
            n = c.get("date");
        }
        if (n == null) {
            n = c.get("a") + ".." + c.get("b");
        }
        return String.valueOf(n);
    }
}
