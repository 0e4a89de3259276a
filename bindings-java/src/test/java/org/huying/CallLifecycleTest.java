package org.huying;

import static org.junit.jupiter.api.Assertions.*;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's whole lifecycle with typed events, refusals, reminders and verdicts; identities (issue 24). */
class CallLifecycleTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-12-01T09:00+08:00");
    private static final String TOWN = "U068";
    private static final String CC = "U008";
    private static final String AGENCY = "U053@U068";
    private final Calendar cal = Calendar.china();
    private final Catalog list = Catalog.sample();

    private static OffsetDateTime at(int minutes) {
        return T0.plusMinutes(minutes);
    }

    @Test
    void fromRaiseToCloseWithRefusalsOnTheWay() {
        CallPolicy policy = CallPolicy.fromCatalog(list, T0);
        assertTrue(policy.checksList());
        Call call = Call.raise(cal, Event.raised("C1", T0, TOWN, "M001", "video"), policy);
        assertEquals("raised", call.kind());
        assertTrue(call.alarm());
        Map<String, Object> board = call.at(at(5));
        assertEquals(Boolean.TRUE, board.get("alarm"));
        assertEquals(at(15), call.nextWakeup(at(5)));

        // A department cannot acknowledge as the command centre.
        NotAuthorizedException na = assertThrows(NotAuthorizedException.class,
                () -> call.apply(Event.acknowledged("C1", at(2), Actor.commandCentre("U010"))));
        assertEquals("call.not_authorized", na.code());
        // Signing before dispatch does not fit the state; nothing changes.
        TransitionException te = assertThrows(TransitionException.class,
                () -> call.apply(Event.signed("C1", at(3), Actor.department(AGENCY))));
        assertEquals("call.invalid_transition", te.code());
        assertEquals(1, call.eventCount());

        call.apply(Event.acknowledged("C1", at(5), Actor.commandCentre(CC)));
        assertFalse(call.alarm());
        assertEquals(AGENCY, call.responsibleUnit(list, at(10)));
        Event dispatch = call.dispatchEvent(at(10), CC, AGENCY, list);
        assertEquals(Collections.singletonList(TOWN), dispatch.toMap().get("supporting"));
        // Dispatching to the command centre itself: wrong role.
        assertEquals("call.wrong_role", assertThrows(NotAuthorizedException.class,
                () -> call.apply(Event.dispatched("C1", at(10), Actor.commandCentre(CC), CC))).code());
        call.apply(dispatch);
        assertEquals("dispatched", call.kind());
        assertEquals(AGENCY, call.department());

        call.apply(Event.signed("C1", at(20), Actor.department(AGENCY)));
        // The time cannot go backwards.
        assertEquals("call.time_backwards", assertThrows(TransitionException.class,
                () -> call.apply(Event.arrived("C1", at(15), Actor.department(AGENCY)))).code());
        // The 50 % reminder of the arrival clock (3 h from dispatch) at 1 h 30.
        List<Map<String, Object>> reminders = call.pollReminders(at(10 + 95));
        assertFalse(reminders.isEmpty());
        assertTrue(call.pollReminders(at(10 + 95)).isEmpty(), "each reminder is handed out once");
        call.apply(Event.arrived("C1", at(150), Actor.department(AGENCY)));
        call.apply(Event.paused("C1", at(160), Actor.commandCentre(CC), "reply", "waiting for an inspection"));
        call.apply(Event.resumed("C1", at(200), Actor.commandCentre(CC), "reply"));
        call.apply(Event.replied("C1", at(24 * 60), Actor.department(AGENCY), "cleared"));
        // Another township cannot evaluate this call.
        assertThrows(NotAuthorizedException.class,
                () -> call.apply(Event.evaluated("C1", at(24 * 60 + 5), Actor.township("U069"), true, null)));
        call.apply(Event.evaluated("C1", at(24 * 60 + 10), Actor.township(TOWN), true, "thanks"));
        call.apply(Event.closed("C1", at(24 * 60 + 20), Actor.commandCentre(CC)));
        assertFalse(call.isOpen());
        List<Map<String, Object>> verdicts = call.verdicts();
        assertEquals(3, verdicts.size());
        for (Map<String, Object> v : verdicts) {
            assertEquals("met", v.get("outcome"), String.valueOf(v));
        }
        assertNull(call.nextWakeup(at(24 * 60 + 30)));
        assertThrows(TransitionException.class,
                () -> call.apply(Event.closed("C1", at(24 * 60 + 40), Actor.commandCentre(CC))));
    }

    @Test
    void identitiesAreCheckedAgainstTheList() {
        CallPolicy p = CallPolicy.fromCatalog(list, T0);
        // A department raising as a township, the command centre as a township: wrong role.
        assertEquals("call.wrong_role", assertThrows(NotAuthorizedException.class,
                () -> Call.raise(cal, Event.raised("C1", T0, "U010", "M001", "text"), p)).code());
        assertEquals("call.wrong_role", assertThrows(NotAuthorizedException.class,
                () -> Call.raise(cal, Event.raised("C1", T0, CC, "M001", "text"), p)).code());
        // A unit not on the list.
        assertEquals("call.unknown_unit", assertThrows(NotAuthorizedException.class,
                () -> Call.raise(cal, Event.raised("C1", T0, "XYZ", "M001", "text"), p)).code());
        // A matter not on the list in force.
        CatalogLookupException m = assertThrows(CatalogLookupException.class,
                () -> Call.raise(cal, Event.raised("C1", T0, TOWN, "M999", "text"), p));
        assertEquals("call.unknown_matter", m.code());
        // Without a list: the named command centre neither raises nor answers.
        CallPolicy named = new CallPolicy(CC);
        assertFalse(named.checksList());
        assertFalse(named.trustsEveryone());
        assertEquals(CC, named.commandCentre());
        assertThrows(NotAuthorizedException.class,
                () -> Call.raise(cal, Event.raised("C1", T0, CC, "M001", "text"), named));
        assertTrue(named.withList(list).checksList());
        // Trusting everyone exists only under that name.
        CallPolicy all = CallPolicy.trustEveryone();
        assertTrue(all.trustsEveryone());
        Call.raise(cal, Event.raised("C1", T0, "XYZ", "M999", "text"), all).close();
    }

    @Test
    void policiesReplayAndJsonLines() {
        CallPolicy p = CallPolicy.of(CC).withLimit("reply", "5wd").withWarning(0.7).withReminders(50)
                .withBreachReminder(false).withMatter("M001", Collections.singletonMap("arrival", "2h"));
        assertEquals("5wd", p.limit("reply").toString());
        assertEquals("2h", p.limitFor("M001", "arrival").toString());
        assertEquals(0.7, p.warning(), 1e-12);
        assertArrayEquals(new int[] {50}, p.reminders());
        assertFalse(p.breachReminder());
        assertEquals("close_of_business", p.withDayEnd("close_of_business").dayEnd());
        assertThrows(CallPolicyException.class, () -> p.withWarning(1.5));
        String log = Event.raised("C2", T0, TOWN, "M001", "text").withId("E1").toJson() + "\n"
                + Event.acknowledged("C2", at(1), Actor.commandCentre(CC)).withId("E2").toJson() + "\n";
        Call call = Call.replay(cal, log, p);
        assertEquals("acknowledged", call.kind());
        assertEquals("2h", call.limitOf("arrival").toString());
        LogLineException dup = assertThrows(LogLineException.class, () -> Call.replay(cal,
                log + Event.acknowledged("C2", at(2), Actor.commandCentre(CC)).withId("E2").toJson(), p));
        assertEquals("call.duplicate_event", dup.code());
        assertEquals(3, dup.line().getAsInt());
        LogLineException bad = assertThrows(LogLineException.class, () -> Call.replay(cal, "not an event", p));
        assertEquals(1, bad.line().getAsInt());
        Call again = Call.fromEvents(cal, java.util.Arrays.asList(Event.json(log.split("\n")[0]),
                Event.json(log.split("\n")[1])), p);
        assertEquals(call.at(at(3)), again.at(at(3)));
        assertEquals(call.at(at(3)), again.at(at(3).toInstant()));
        call.close();
        call.close(); // idempotent
        assertTrue(call.isClosed());
        assertThrows(IllegalStateException.class, () -> call.at(at(4)));
    }
}
