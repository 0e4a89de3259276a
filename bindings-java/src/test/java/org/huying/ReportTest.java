package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compliance report on the generated log, from a file and from Java lines. */
class ReportTest {
    private static final Catalog LIST = Catalog.sample();
    private static final String LOG = ComplianceReport.generateLog(null, 600, 365, LocalDate.of(2025, 7, 1), 2025, false);

    @Test
    void theGeneratedLogFromAFileAndFromLinesGiveTheSameReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.write(file, LOG.getBytes(StandardCharsets.UTF_8));
        ComplianceReport.Options o = ComplianceReport.options().catalog(LIST).by("department");
        ComplianceReport a = ComplianceReport.fromLog(file, o);
        ComplianceReport b = ComplianceReport.fromLines(Arrays.asList(LOG.split("\n")), o);
        assertEquals(a.toJson(), b.toJson());
        assertEquals(600L, a.total().get("calls"));
        assertFalse(a.groups().isEmpty());
        assertEquals(0, ((List<?>) a.input().get("bad_lines")).size());

        String csv = a.toCsv("en");
        assertTrue(csv.startsWith("row,"), csv.substring(0, 80));
        assertEquals(csv.split("\n").length, a.rows("en").size() + 1);
        Map<String, Object> total = a.rows("en").get(0);
        assertEquals("total", total.get("row"));
        assertEquals(600L, total.get("calls"));
        assertTrue(a.toText("zh").contains("部门"), a.toText("zh"));
        assertTrue(a.toText("en").length() > 200);
        assertFalse(a.rankingCsv("zh").isEmpty());
        assertNotNull(a.evaluation());
        assertNotNull(a.accountability());
        assertNotNull(a.asOf());
        assertEquals(a.toMap().get("total"), Json.object(a.toJson()).get("total"));
    }

    @Test
    void badLinesAreSkippedAndCountedOrFail(@TempDir Path dir) throws Exception {
        List<String> lines = Arrays.asList(LOG.split("\n")).subList(0, 50);
        java.util.ArrayList<String> withBad = new java.util.ArrayList<>(lines);
        withBad.add(3, "not an event");
        ComplianceReport r = ComplianceReport.fromLines(withBad);
        assertEquals(1, ((List<?>) r.input().get("bad_lines")).size());
        LogLineException e = assertThrows(LogLineException.class,
                () -> ComplianceReport.fromLines(withBad, ComplianceReport.options().onError("fail")));
        assertEquals(4, e.line().getAsInt());
        assertEquals("compliance.bad_line", e.code());
        LogReadException io = assertThrows(LogReadException.class,
                () -> ComplianceReport.fromLog(dir.resolve("missing.jsonl")));
        assertEquals("compliance.io", io.code());
        assertThrows(ReportConfigException.class, () -> ComplianceReport.fromLines(lines,
                ComplianceReport.options().by("department", "department")));
        assertThrows(IllegalArgumentException.class, () -> ComplianceReport.fromLines(lines,
                ComplianceReport.options().by("colour")));
    }

    @Test
    void csvLogsAndAsOf(@TempDir Path dir) throws Exception {
        String csv = ComplianceReport.generateLog(LIST, 100, 90, LocalDate.of(2025, 7, 1), 7, true);
        Path file = dir.resolve("calls.csv");
        Files.write(file, csv.getBytes(StandardCharsets.UTF_8));
        OffsetDateTime asOf = OffsetDateTime.parse("2025-08-01T00:00+08:00");
        ComplianceReport r = ComplianceReport.fromLog(file, ComplianceReport.options().asOf(asOf).by("month"));
        assertEquals(asOf, r.asOf());
        assertTrue(((Number) r.total().get("calls")).longValue() > 0);
    }

    @Test
    void anExceptionInTheCallersLinesComesThroughAsItIs() {
        Iterable<String> broken = () -> new java.util.Iterator<String>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n++ > 10) {
                    throw new IllegalStateException("the caller's source failed");
                }
                return "";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ComplianceReport.fromLines(broken));
        assertEquals("the caller's source failed", e.getMessage());
    }
}
