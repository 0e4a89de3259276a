package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java example is ReadmeExample.java's code, and it runs. */
class ReadmeTest {
    private static String between(String text, String begin, String end) {
        int a = text.indexOf(begin);
        int b = text.indexOf(end, a + 1);
        assertTrue(a >= 0 && b > a, "markers " + begin + " … " + end);
        return text.substring(a + begin.length(), b).trim();
    }

    @Test
    void theReadmeShowsTheExampleThatRuns() throws Exception {
        Path repo = Vectors.repo();
        String readme = new String(Files.readAllBytes(repo.resolve("README.md")), StandardCharsets.UTF_8);
        String example = new String(Files.readAllBytes(repo.resolve(
                "bindings-java/src/test/java/org/huying/ReadmeExample.java")), StandardCharsets.UTF_8);
        String code = between(example, "// README-BEGIN", "// README-END");
        String shown = between(readme, "```java\n", "```");
        assertEquals(code, shown, "the README's Java block is ReadmeExample.java's code");
        ReadmeExample.main(new String[0]);
    }
}
