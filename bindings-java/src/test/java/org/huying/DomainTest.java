package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The worked examples of DOMAIN.md (the brief's section 3), in Java. */
class DomainTest {
    private final Calendar cal = Calendar.china();

    @Test
    void receivedFridayAfternoonTheSundayInLieuCounts() {
        Deadline d = cal.deadline(OffsetDateTime.parse("2025-09-26T16:00+08:00"), "3wd");
        assertEquals(OffsetDateTime.parse("2025-10-01T00:00+08:00"), d.due());
        assertEquals("2025-09-30 24:00", d.dueText());
        String en = d.explain("en");
        assertTrue(en.contains("2025-09-27 Sat  skipped: weekend"), en);
        assertTrue(en.contains("2025-09-28 Sun  working day 1 (National Day — working day in lieu)"), en);
        assertTrue(d.explain("zh").contains("截止：2025-09-30 24:00（第3个工作日结束）"));
    }

    @Test
    void receivedMondayTheNationalDayHolidayIsSkipped() {
        Deadline d = cal.deadline(OffsetDateTime.parse("2025-09-29T10:00+08:00"), "3个工作日");
        assertEquals("2025-10-10 24:00", d.dueText());
        assertEquals(LocalDate.of(2025, 10, 10), cal.addWorkingDays(LocalDate.of(2025, 9, 29), 3));
        assertEquals(3, cal.workingDaysBetween(LocalDate.of(2025, 9, 29), LocalDate.of(2025, 10, 10)));
        assertEquals(0, cal.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 8)));
    }

    @Test
    void minutesAndHoursRunOnNaturalTime() {
        OffsetDateTime call = OffsetDateTime.parse("2025-10-01T09:00+08:00"); // a holiday
        assertEquals(call.plusMinutes(30), cal.due(call, "30m"));
        assertEquals(call.plusHours(3), cal.due(call, "3小时"));
        // Any offset in, China time out.
        OffsetDateTime utc = OffsetDateTime.parse("2025-10-01T01:00Z");
        assertEquals("+08:00", cal.due(utc, "30m").getOffset().getId());
        assertEquals(call.plusMinutes(30), cal.due(utc, "30m"));
    }

    @Test
    void workingDaysInLieuAndTheNewSpringFestivalEve() {
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 1, 26)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 2, 8)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2025, 1, 28)));
        DayKind k = cal.dayKind(LocalDate.of(2025, 1, 26));
        assertEquals("working_day_in_lieu", k.code());
        assertEquals("春节", k.festivalZh());
        assertEquals("Spring Festival", k.festivalEn());
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 9, 28).toEpochDay()));
        assertEquals(5, cal.specialDays(2025).stream().filter(e -> e.getValue().code().equals("working_day_in_lieu")).count());
    }

    @Test
    void aYearTheDataDoesNotCoverIsAnErrorNeverAGuess() {
        CalendarNotCoveredException e = assertThrows(CalendarNotCoveredException.class,
                () -> cal.isWorkingDay(LocalDate.of(2027, 1, 4)));
        assertEquals("calendar.not_covered", e.code());
        assertEquals(2027L, e.details().get("year"));
        assertTrue(e.getMessage().contains("2027"));
        assertThrows(CalendarNotCoveredException.class, () -> cal.addWorkingDays(LocalDate.of(2026, 12, 30), 5));
        CalendarNotCoveredException batch = assertThrows(CalendarNotCoveredException.class,
                () -> cal.addWorkingDays(new long[] {LocalDate.of(2025, 1, 2).toEpochDay(), LocalDate.of(2031, 1, 1).toEpochDay()}, 1));
        assertEquals(1L, batch.details().get("index"));
        assertTrue(batch instanceof HuyingException);
        assertTrue(batch instanceof RuntimeException);
    }

    @Test
    void batchAndSingleAgree() {
        long start = LocalDate.of(2004, 1, 1).toEpochDay();
        long[] days = new long[8000];
        for (int i = 0; i < days.length; i++) {
            days[i] = start + i;
        }
        long[] out = cal.addWorkingDays(days, 3);
        boolean[] working = cal.isWorkingDay(days);
        for (int i = 0; i < days.length; i += 37) {
            assertEquals(cal.addWorkingDays(LocalDate.ofEpochDay(days[i]), 3).toEpochDay(), out[i]);
            assertEquals(cal.isWorkingDay(days[i]), working[i]);
        }
    }

    @Test
    void officeHoursAndWorkingHourLimits() {
        Calendar withHours = cal.withSchedule("08:30-12:00,14:00-17:30");
        assertNotNull(withHours.schedule());
        assertNull(cal.schedule());
        OffsetDateTime start = OffsetDateTime.parse("2025-06-03T11:00+08:00");
        // 4 working hours from 11:00 with a lunch break: 1 h before, 3 h after 14:00.
        assertEquals(OffsetDateTime.parse("2025-06-03T17:00+08:00"), withHours.due(start, "4wh"));
        assertTrue(withHours.isWorkingTime(start));
        assertFalse(withHours.isWorkingTime(OffsetDateTime.parse("2025-06-03T12:30+08:00")));
        assertEquals(java.time.Duration.ofHours(4), withHours.workingTimeBetween(start,
                OffsetDateTime.parse("2025-06-03T17:00+08:00")));
        assertEquals(OffsetDateTime.parse("2025-06-03T17:00+08:00"),
                withHours.addWorkingTime(start, java.time.Duration.ofHours(4)));
        assertEquals(2, withHours.businessHours(LocalDate.of(2025, 6, 3)).size());
        assertNull(withHours.businessHours(LocalDate.of(2025, 6, 7)));
        assertThrows(NoScheduleException.class, () -> cal.due(start, "4wh"));
        assertThrows(ScheduleException.class, () -> cal.withSchedule("25:00-26:00"));
        assertEquals("close_of_business", withHours.deadline(start, "1wd", "close_of_business").policy());
        Schedule s = Schedule.parse("08:30-12:00,14:00-17:30");
        assertEquals("08:30-12:00,14:00-17:30", s.defaultTimetable());
        assertEquals(s.toJson(), withHours.schedule().toJson());
    }

    @Test
    void limits() {
        Limit l = Limit.parse("3个工作日");
        assertEquals("3wd", l.toString());
        assertEquals(3, l.amount());
        assertTrue(l.isWorkingTime());
        assertTrue(l.isDays());
        assertEquals("3 working days", l.display("en"));
        assertEquals(Limit.parse("3wd"), l);
        assertEquals("5wd", l.withAmount(5).toString());
        LimitParseException e = assertThrows(LimitParseException.class, () -> Limit.parse("3 weeks"));
        assertEquals("limit.parse", e.code());
        assertThrows(IllegalArgumentException.class, () -> l.display("fr"));
    }

    @Test
    void slaClockPausesAndExtends() {
        OffsetDateTime t0 = OffsetDateTime.parse("2025-06-03T09:00+08:00");
        SlaClock c = SlaClock.start(cal, "3h", t0);
        assertEquals(t0.plusHours(3), c.due());
        c.pause(t0.plusHours(1), "waiting for an inspection");
        assertTrue(c.isPaused());
        c.resume(t0.plusHours(2));
        assertEquals(t0.plusHours(4), c.due());
        assertEquals("waiting for an inspection", c.pauses().get(0).reason());
        c.extend("1h");
        assertEquals("4h", c.limit().toString());
        SlaClock.ClockStatus s = c.status(t0.plusHours(4).plusMinutes(30));
        assertEquals("warning", s.phase());
        c.stop(t0.plusHours(6));
        assertEquals("missed", c.status(t0.plusHours(7)).phase());
        assertThrows(ClockException.class, () -> c.resume(t0.plusHours(8)));
        c.close();
        assertThrows(IllegalStateException.class, c::due);
    }
}
