package org.huying;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.OffsetDateTime;

/**
 * Run in a JVM of its own (a fixed 64 MiB heap, so that only native memory
 * can grow the process) by RobustnessTest: makes and drops {@code args[1]}
 * deadlines (and closes as many calendars) and prints how much the
 * process's resident memory grew, in kB. {@code args[0]}: whether a
 * {@code java.lang.ref.Cleaner} is expected (false with
 * {@code -Dhuying.freer=queue}, the Java 8 way).
 */
public final class FreerCheck {
    private FreerCheck() {}

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        if (Freer.usesCleaner() != Boolean.parseBoolean(args[0])) {
            System.out.println("usesCleaner is " + Freer.usesCleaner());
            System.exit(2);
        }
        Calendar cal = Calendar.china();
        OffsetDateTime start = OffsetDateTime.parse("2025-09-26T16:00+08:00");
        for (int i = 0; i < 50_000; i++) {
            cal.deadline(start, "3wd");
        }
        System.gc();
        Thread.sleep(200);
        long before = rssKb();
        int n = Integer.parseInt(args[1]);
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                cal.deadline(start, "3wd"); // left to the cleaner
            } else {
                try (Deadline d = cal.deadline(start, "30m")) {
                    d.due();
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long after = rssKb();
        System.out.println("grew " + (after - before));
    }
}
