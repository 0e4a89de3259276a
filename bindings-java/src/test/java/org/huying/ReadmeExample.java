package org.huying;

// The README's Java example, verbatim between the markers (ReadmeTest checks
// that the README shows this code and runs it).

// README-BEGIN
import java.time.LocalDate;
import java.time.OffsetDateTime;

public class ReadmeExample {
    public static void main(String[] args) {
        Calendar cal = Calendar.china();                      // immutable, thread-safe
        check(cal.isWorkingDay(LocalDate.of(2025, 9, 28)));   // a Sunday worked in lieu
        check(cal.addWorkingDays(LocalDate.of(2025, 9, 29), 3).equals(LocalDate.of(2025, 10, 10)));

        // Received Friday 2025-09-26 16:00: the reply is due 2025-09-30 24:00.
        Deadline d = cal.deadline(OffsetDateTime.parse("2025-09-26T16:00+08:00"), "3wd");
        check(d.due().equals(OffsetDateTime.parse("2025-10-01T00:00+08:00")));
        System.out.println(d.explain("zh"));

        // A call: raised by a township, checked against the list in force.
        Catalog list = Catalog.sample();
        OffsetDateTime t0 = OffsetDateTime.parse("2025-12-01T09:00+08:00");
        CallPolicy policy = CallPolicy.fromCatalog(list, t0);
        Call call = Call.raise(cal, Event.raised("C1", t0, "U068", "M001", "video"), policy);
        call.apply(Event.acknowledged("C1", t0.plusMinutes(5), Actor.commandCentre("U008")));
        System.out.println(call.at(t0.plusMinutes(10)).get("countdowns"));
        try {
            call.apply(Event.signed("C1", t0.plusMinutes(6), Actor.department("U010")));
        } catch (TransitionException e) {
            System.out.println(e.code());                      // call.invalid_transition
        }

        // A year the data does not cover is an error, never a guess.
        try {
            cal.isWorkingDay(LocalDate.of(2027, 1, 4));
        } catch (CalendarNotCoveredException e) {
            check(e.code().equals("calendar.not_covered"));
        }
    }

    static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError();
        }
    }
}
// README-END
