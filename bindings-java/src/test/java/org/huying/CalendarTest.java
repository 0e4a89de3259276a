package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CalendarTest {
    @Test
    void theIssueExamples() {
        Calendar cal = Calendar.china();
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 9, 28)));
        assertEquals(LocalDate.of(2025, 10, 10), cal.addWorkingDays(LocalDate.of(2025, 9, 29), 3));
        Deadline d = cal.deadline(OffsetDateTime.parse("2025-09-26T16:00+08:00"), "3wd");
        assertEquals(OffsetDateTime.parse("2025-10-01T00:00+08:00"), d.due());
        assertEquals("2025-09-30 24:00", d.dueText());
        assertTrue(d.explain("zh").contains("2025-09-28"));
        CalendarNotCoveredException e = assertThrows(CalendarNotCoveredException.class,
                () -> cal.isWorkingDay(LocalDate.of(2027, 1, 4)));
        assertEquals("calendar.not_covered", e.code());
    }
}
