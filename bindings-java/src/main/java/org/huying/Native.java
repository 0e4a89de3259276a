package org.huying;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the native library and declares the entry points shared by every
 * class. Internal: not part of the API.
 *
 * <p>The jar carries the library under {@code native/<os>-<arch>/} (e.g.
 * {@code native/linux-x86_64/libhuying_java.so}); on first use it is copied
 * to a temporary file and loaded from there. The system property
 * {@code huying.library.path} names a library file to load instead.
 */
final class Native {
    /** Handle kinds, as {@code handle.rs} numbers them. */
    static final int CALENDAR = 1;
    static final int DEADLINE = 2;
    static final int SLA_CLOCK = 3;
    static final int CATALOG = 4;
    static final int CALL_POLICY = 5;
    static final int CALL = 6;
    static final int REPORT = 7;

    /** The system property naming a library file to load instead of the jar's. */
    static final String LIBRARY_PATH_PROPERTY = "huying.library.path";

    private static final String LOADED;

    static {
        LOADED = load();
    }

    private Native() {}

    /** Makes sure the library is loaded (classes with native methods call it first). */
    static void init() {
        // Loading happens in the static initializer; this only triggers it.
    }

    /** Where the library was loaded from. */
    static String loadedFrom() {
        return LOADED;
    }

    /** The platform folder of this JVM, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux"
                : os.contains("mac") || os.contains("darwin") ? "macos"
                : os.contains("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return o + "-" + a;
    }

    private static String load() {
        String override = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (override != null && !override.isEmpty()) {
            String path = new File(override).getAbsolutePath();
            System.load(path);
            return path;
        }
        String name = System.mapLibraryName("huying_java");
        String resource = "/native/" + platform() + "/" + name;
        try (InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("the Huying jar has no native library for "
                        + platform() + " (" + resource + "); build one with cargo and set -D"
                        + LIBRARY_PATH_PROPERTY + "=/path/to/" + name);
            }
            Path dir = Files.createTempDirectory("huying-");
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            // The library stays mapped once loaded: on Linux and macOS the
            // file can go at once; elsewhere it goes when the JVM exits.
            if (!platform().startsWith("windows")) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            } else {
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
            return "jar:" + resource;
        } catch (IOException e) {
            UnsatisfiedLinkError err = new UnsatisfiedLinkError(
                    "cannot extract the Huying native library " + resource + ": " + e);
            err.initCause(e);
            throw err;
        }
    }

    /** The library's version and the calendar data's, tab-separated. */
    static native String version();

    /** Frees a handle of a kind; called once per handle. */
    static native void free(int kind, long handle);

    /**
     * Panics inside the native library, on purpose. Internal: for the test
     * that proves a panic becomes {@code HuyingException} with code
     * {@code internal}.
     */
    static native int panicForTest();
}
