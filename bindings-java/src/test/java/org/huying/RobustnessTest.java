package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Panics, bad input, threads, memory and the bytecode level. */
class RobustnessTest {
    @Test
    void aPanicBecomesHuyingExceptionInternalAndTheLibraryGoesOn() {
        HuyingException e = assertThrows(HuyingException.class, Native::panicForTest);
        assertEquals(HuyingException.class, e.getClass());
        assertEquals("internal", e.code());
        assertTrue(e.getMessage().contains("deliberate panic"), e.getMessage());
        assertTrue(e.getMessage().contains("lib.rs"), "the panic's place: " + e.getMessage());
        // The same again, and the library still answers.
        assertEquals("internal", assertThrows(HuyingException.class, Native::panicForTest).code());
        assertTrue(Calendar.china().isWorkingDay(LocalDate.of(2025, 9, 28)));
    }

    @Test
    void hostileInputIsAnExceptionNeverACrash() {
        Calendar cal = Calendar.china();
        assertThrows(CalendarNotCoveredException.class, () -> cal.isWorkingDay(Long.MAX_VALUE));
        assertThrows(OutOfRangeException.class, () -> cal.dayKind(LocalDate.MAX));
        assertThrows(CalendarNotCoveredException.class, () -> cal.isWorkingDay(Long.MIN_VALUE / 2));
        assertThrows(CalendarNotCoveredException.class, () -> cal.addWorkingDays(LocalDate.of(2025, 1, 1), Long.MAX_VALUE));
        assertThrows(CalendarNotCoveredException.class, () -> cal.addWorkingDays(LocalDate.of(2025, 1, 1), Long.MIN_VALUE));
        assertThrows(HuyingException.class, () -> cal.deadline(OffsetDateTime.MAX, "3wd"));
        assertThrows(HuyingException.class, () -> cal.deadline(OffsetDateTime.MIN, "30m"));
        assertThrows(LimitParseException.class, () -> cal.deadline(OffsetDateTime.now(), "999999999wd"));
        assertThrows(LimitParseException.class, () -> cal.deadline(OffsetDateTime.now(), "\u0000\uffff😀"));
        assertThrows(CalendarNoticeException.class, () -> Notice.parse("😀 not a notice \u0000"));
        assertThrows(CatalogValidationException.class, () -> Catalog.fromJson("[1, 2, {"));
        assertThrows(CatalogValidationException.class, () -> Catalog.fromXlsx(new byte[] {1, 2, 3}, "x.xlsx"));
        assertThrows(HuyingException.class, () -> Catalog.importList(new byte[] {0x50, 0x4b, 3, 4}, ImportOptions.effective(LocalDate.of(2025, 7, 1))));
        CallPolicy p = CallPolicy.of("U008");
        assertThrows(LogLineException.class, () -> Call.replay(cal, "{\"type\":\"raised\",\"v\":99}", p));
        assertThrows(LogLineException.class, () -> Call.raise(cal, "{", p));
        assertThrows(LogLineException.class, () -> Call.raise(cal, "", p));
        assertThrows(ScheduleException.class, () -> Schedule.parse("{\"default\": 5}"));
        assertThrows(CalendarDataException.class, () -> cal.extendFromJson("{]", "x"));
        assertThrows(IllegalArgumentException.class, () -> Catalog.sample().accountable("M001", "U068", "nothing", OffsetDateTime.now()));
        assertThrows(NullPointerException.class, () -> cal.isWorkingDay((LocalDate) null));
        assertThrows(IllegalArgumentException.class, () -> CallPolicy.of("U008").withReminders(300));
    }

    @Test
    void eightThreadsShareOneCalendarAndOneCatalog() throws Exception {
        Calendar cal = Calendar.china();
        Catalog list = Catalog.sample();
        OffsetDateTime at = OffsetDateTime.parse("2025-10-09T10:00+08:00");
        long first = LocalDate.of(2004, 1, 1).toEpochDay();
        long[] days = new long[8000];
        for (int i = 0; i < days.length; i++) {
            days[i] = first + i;
        }
        long[] want = cal.addWorkingDays(days, 3);
        Map<String, Object> resolved = list.resolve("M001", "U068", at);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int seed = t;
                done.add(pool.submit(() -> {
                    int checks = 0;
                    for (int round = 0; round < 50; round++) {
                        assertArrayEquals(want, cal.addWorkingDays(days, 3));
                        for (int i = seed; i < days.length; i += 97) {
                            assertEquals(want[i], cal.addWorkingDays(LocalDate.ofEpochDay(days[i]), 3).toEpochDay());
                            checks++;
                        }
                        assertEquals(resolved, list.resolve("M001", "U068", at));
                        assertEquals("2025-10-10 24:00", cal.deadline(OffsetDateTime.parse("2025-09-29T10:00+08:00"), "3wd").dueText());
                    }
                    return checks;
                }));
            }
            for (Future<Integer> f : done) {
                assertTrue(f.get() > 0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCalendarExtendedWhileOtherThreadsAskIsOneOrTheOther() throws Exception {
        Calendar cal = Calendar.china();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20000; i++) {
                        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 9, 28)));
                        try {
                            assertFalse(cal.isWorkingDay(LocalDate.of(2027, 1, 1)));
                        } catch (CalendarNotCoveredException before) {
                            // Not loaded yet.
                        }
                    }
                }));
            }
            cal.extendFromNotice(NoticeTest.NOTICE_2027);
            for (Future<?> f : done) {
                f.get();
            }
            assertFalse(cal.isWorkingDay(LocalDate.of(2027, 1, 1)));
        } finally {
            pool.shutdown();
        }
    }

    private static String runJava(String... args) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        for (String a : args) {
            cmd.add(a);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        return p.waitFor() + "\n" + out;
    }

    /** How much a JVM of its own grew making and dropping {@code n} objects, in kB. */
    private static long growth(String freer, boolean cleaner, int n) throws Exception {
        String out = runJava("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-Dhuying.freer=" + freer, "org.huying.FreerCheck",
                String.valueOf(cleaner), String.valueOf(n));
        assertTrue(out.startsWith("0\n"), out);
        String[] lines = out.trim().split("\n");
        return Long.parseLong(lines[lines.length - 1].replace("grew ", "").trim());
    }

    @Test
    void aMillionObjectsMadeAndDroppedDoNotGrowTheProcess() throws Exception {
        // The heap is fixed and touched up front: only native memory grows the process. A
        // deadline holds ~80 bytes natively: a million never freed grow it by ~80 MB, as a
        // freer that never frees shows (so that the test would see a leak).
        // Freed ones grow it by the cleaner's backlog alone (~16 MB, the same for 250k or 3M).
        long leak = growth("none", true, 1_000_000);
        assertTrue(leak > 56 * 1024, "a leak shows: grew " + leak + " kB");
        long cleaner = growth("cleaner", true, 1_000_000);
        assertTrue(cleaner < 32 * 1024, "with the Cleaner: grew " + cleaner + " kB");
        long queue = growth("queue", false, 1_000_000);
        assertTrue(queue < 32 * 1024, "with the Java 8 reference queue: grew " + queue + " kB");
        assertTrue(Freer.usesCleaner(), "JDK 9+ uses java.lang.ref.Cleaner");
        System.out.println("a million objects: grew " + cleaner + " kB (Cleaner), " + queue
                + " kB (reference queue), " + leak + " kB never freed");
    }

    @Test
    void theBytecodeIsJava8() throws IOException {
        try (InputStream in = Calendar.class.getResourceAsStream("Calendar.class")) {
            byte[] head = new byte[8];
            assertEquals(8, in.read(head));
            int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
            assertEquals(52, major, "class file major version");
        }
    }

    @Test
    void theLibraryPathPropertyIsHonoured() throws Exception {
        String out = runJava("-Dhuying.library.path=/no/such/libhuying_java.so", "org.huying.ReadmeExample");
        assertFalse(out.startsWith("0\n"), out);
        assertTrue(out.contains("/no/such/libhuying_java.so"), out);
        assertTrue(Native.loadedFrom().startsWith("jar:/native/linux-x86_64/") || System.getProperty("huying.library.path") != null,
                Native.loadedFrom());
        assertTrue(Native.version().startsWith("0.1.0\t"), Native.version());
    }
}
