package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Next year's calendar (issue 19): notices, coverage, the calendar file. */
class NoticeTest {
    /** An illustrative excerpt of a notice for 2027 (the README's). */
    static final String NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知\n"
            + "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n";

    @Test
    void aNoticeReadIntoItsDays() {
        Notice n = Notice.parse(NOTICE_2027);
        assertEquals(2027, n.year());
        assertFalse(n.isAmendment());
        assertEquals(3, n.days().size());
        Notice.Day d = n.days().get(0);
        assertEquals(LocalDate.of(2027, 1, 1), d.date());
        assertEquals("holiday", d.kind());
        assertEquals("元旦", d.festival());
        assertTrue(n.toTsv().contains("2027-01-01"));
        assertEquals(n.days().toString(), Notice.parseNotice(NOTICE_2027).toString());
    }

    @Test
    void extendingFromANoticeAndTheCoverageWarning() {
        Calendar cal = Calendar.china();
        LocalDate today = LocalDate.of(2026, 12, 7);
        CoverageWarning w = cal.coverageWarning(today, 30);
        assertNotNull(w);
        assertEquals(2027, w.yearNeeded());
        assertEquals(LocalDate.of(2026, 12, 31), w.last());
        assertEquals(24, w.daysLeft());
        assertTrue(w.message("zh").contains("2027"));
        assertTrue(w.message("en").contains("2027"));
        assertNull(cal.coverageWarning(LocalDate.of(2026, 6, 1), 30));
        assertEquals(2027, cal.extendFromNotice(NOTICE_2027));
        assertEquals(LocalDate.of(2027, 12, 31), cal.coverage().get(1));
        assertEquals(LocalDate.of(2004, 1, 1), cal.coverageStart());
        assertEquals(2027, cal.lastYear());
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 1, 1)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2027, 1, 4)));
        assertNull(cal.coverageWarning(today, 30));
    }

    @Test
    void aBadNoticeNamesItsLineAndColumnAndLeavesTheCalendarAlone() {
        Calendar cal = Calendar.china();
        String bad = NOTICE_2027.replace("共3天", "共4天");
        CalendarNoticeException e = assertThrows(CalendarNoticeException.class, () -> cal.extendFromNotice(bad));
        assertEquals("calendar.bad_notice", e.code());
        assertEquals(2, e.line().getAsInt());
        assertTrue(e.column().getAsInt() > 0);
        assertEquals(2026, cal.lastYear());
        assertThrows(CalendarNotCoveredException.class, () -> cal.isWorkingDay(LocalDate.of(2027, 1, 4)));
        assertThrows(CalendarNoticeException.class, () -> Notice.parse(bad));
    }

    @Test
    void theCalendarFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notices.txt");
        Files.write(file, NOTICE_2027.getBytes(StandardCharsets.UTF_8));
        Calendar cal = Calendar.chinaWithFile(file);
        assertEquals(2027, cal.lastYear());
        Calendar plain = Calendar.china();
        plain.extendFromFile(file);
        assertEquals(2027, plain.lastYear());
        // With no path and no HUYING_CALENDAR_FILE (the test JVM has none), just china().
        if (System.getenv(Calendar.CALENDAR_FILE_ENV) == null) {
            assertEquals(2026, Calendar.chinaWithFile(null).lastYear());
        }
        // TSV rows round-trip.
        Calendar fromTsv = Calendar.china();
        fromTsv.extendFromTsv(cal.toTsv(), "rows.tsv");
        assertEquals(2027, fromTsv.lastYear());
        assertThrows(CalendarDataException.class, () -> Calendar.china().extendFromTsv("2027-01-01\tfeast\tNew Year\t元旦\n", "x"));
        assertThrows(HuyingException.class, () -> Calendar.chinaWithFile(dir.resolve("missing.txt")));
        assertEquals("mainland-china", cal.name().toLowerCase().contains("china") ? "mainland-china" : cal.name());
        assertFalse(cal.dataVersion().isEmpty());
    }

    /** No fact is refused at the year end: the reply clock waits for 2027, then counts. */
    @Test
    void aCallAtTheYearEndWaitsForNextYearsNoticeThenCounts() {
        java.time.ZoneOffset china = java.time.ZoneOffset.ofHours(8);
        java.util.function.BiFunction<Integer, Integer, java.time.OffsetDateTime> dec30 =
                (h, m) -> java.time.OffsetDateTime.of(2026, 12, 30, h, m, 0, 0, china);
        Calendar cal = Calendar.china();
        CallPolicy policy = new CallPolicy("U008");
        Call call = Call.raise(cal, Event.raised("C1", dec30.apply(9, 0), "U068", "M001", "video"), policy);
        call.apply(Event.dispatched("C1", dec30.apply(9, 10), Actor.commandCentre("U008"), "U010"));
        assertEquals(Integer.valueOf(2027), call.pendingCalendar());
        java.util.Map<String, Object> reply = replyCountdown(call.at(dec30.apply(10, 0)));
        assertNull(reply.get("due"));
        assertEquals("grey", reply.get("light"));
        assertEquals(2027, ((Number) reply.get("pending_calendar")).intValue());
        cal.extendFromNotice(NOTICE_2027);
        call.setCalendar(cal);
        assertNull(call.pendingCalendar());
        reply = replyCountdown(call.at(dec30.apply(10, 0)));
        // 31 December, then 4 and 5 January (1-3 January are the holiday).
        assertEquals("2027-01-06T00:00:00+08:00", reply.get("due"));
        assertEquals("green", reply.get("light"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> replyCountdown(java.util.Map<String, Object> view) {
        for (Object c : (java.util.List<Object>) view.get("countdowns")) {
            java.util.Map<String, Object> m = (java.util.Map<String, Object>) c;
            if ("reply".equals(m.get("stage"))) {
                return m;
            }
        }
        throw new AssertionError("no reply countdown in " + view);
    }
}
