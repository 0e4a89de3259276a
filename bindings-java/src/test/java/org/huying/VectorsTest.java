package org.huying;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The shared test vectors in tests/vectors/, as core/tests/vectors.rs,
 * bindings-python/tests/test_vectors.py and bindings-wasm/tests/vectors.test.mjs
 * run them. Every file must have a runner here.
 */
class VectorsTest {
    private static final Calendar CAL = Calendar.china();
    private static final Catalog SAMPLE = Catalog.sample();

    /** Runs a case: expects its error code, or checks the value. */
    private static void expect(Map<String, Object> c, java.util.concurrent.Callable<Object> run,
            java.util.function.Consumer<Object> check) throws Exception {
        Object code = c.get("error");
        if (code != null) {
            HuyingException e = assertThrows(HuyingException.class, run::call, Vectors.name(c));
            assertEquals(code, e.code(), Vectors.name(c) + ": " + e.getMessage());
            return;
        }
        check.accept(run.call());
    }

    private static Stream<DynamicTest> each(List<Map<String, Object>> cases, java.util.function.Function<Map<String, Object>, Executable> f) {
        return cases.stream().map(c -> dynamicTest(Vectors.name(c), f.apply(c)));
    }

    private static LocalDate day(Object s) {
        return LocalDate.parse((String) s);
    }

    @TestFactory
    Stream<DynamicTest> calendar() {
        Map<String, Object> v = Vectors.load("calendar.json");
        Stream<DynamicTest> a = each(Vectors.cases(v, "is_working_day"), c -> () ->
                expect(c, () -> CAL.isWorkingDay(day(c.get("date"))), got -> assertEquals(c.get("expected"), got)));
        Stream<DynamicTest> b = each(Vectors.cases(v, "add_working_days"), c -> () -> {
            long n = ((Number) c.get("n")).longValue();
            expect(c, () -> CAL.addWorkingDays(day(c.get("date")), n),
                    got -> assertEquals(day(c.get("expected")), got));
            // The batch path agrees.
            expect(c, () -> CAL.addWorkingDays(new long[] {day(c.get("date")).toEpochDay()}, n)[0],
                    got -> assertEquals(day(c.get("expected")).toEpochDay(), got));
        });
        Stream<DynamicTest> d = each(Vectors.cases(v, "working_days_between"), c -> () ->
                expect(c, () -> CAL.workingDaysBetween(day(c.get("a")), day(c.get("b"))),
                        got -> assertEquals(((Number) c.get("expected")).longValue(), got)));
        Stream<DynamicTest> k = each(Vectors.cases(v, "day_kind"), c -> () -> dayKind(c));
        return Stream.of(a, b, d, k).flatMap(s -> s);
    }

    private static void dayKind(Map<String, Object> c) throws Exception {
        expect(c, () -> CAL.dayKind(day(c.get("date"))), got -> {
            DayKind kind = (DayKind) got;
            assertEquals(c.get("expected"), kind.code(), Vectors.name(c));
            assertEquals(c.get("festival_zh"), kind.festivalZh(), Vectors.name(c));
            assertEquals(c.get("festival_en"), kind.festivalEn(), Vectors.name(c));
        });
    }

    @Test
    void holidayBoundaries() throws Exception {
        Map<String, Object> v = Vectors.load("holidays.json");
        assertTrue(((Number) v.get("periods")).intValue() >= 140);
        for (Map<String, Object> c : Vectors.cases(v, "day_kind")) {
            dayKind(c);
            boolean working = c.get("expected").equals("working_day") || c.get("expected").equals("working_day_in_lieu");
            assertEquals(working, CAL.isWorkingDay(day(c.get("date"))), Vectors.name(c));
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> deadlines() {
        return each(Vectors.cases(Vectors.load("deadlines.json"), "cases"), c -> () -> {
            Calendar cal = c.containsKey("schedule") ? CAL.withSchedule((String) c.get("schedule")) : CAL;
            String policy = c.containsKey("policy") ? (String) c.get("policy") : "midnight";
            OffsetDateTime start = Vectors.instant(c.get("start"));
            expect(c, () -> cal.deadline(start, (String) c.get("limit"), policy), got -> {
                Deadline d = (Deadline) got;
                OffsetDateTime want = Vectors.instant(c.get("expected_due"));
                assertEquals(want, d.due());
                assertEquals(8 * 3600, d.due().getOffset().getTotalSeconds());
                assertEquals(c.get("due_text"), d.dueText());
                assertEquals(want, cal.due(start, (String) c.get("limit"), policy));
                for (Object s : (List<Object>) c.getOrDefault("explain_en", new ArrayList<>())) {
                    assertTrue(d.explain("en").contains((String) s), s + " in\n" + d.explain("en"));
                }
                for (Object s : (List<Object>) c.getOrDefault("explain_zh", new ArrayList<>())) {
                    assertTrue(d.explain("zh").contains((String) s), s + " in\n" + d.explain("zh"));
                }
            });
        });
    }

    private static Object id(Object unit) {
        return unit == null ? null : ((Map<?, ?>) unit).get("id");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> catalog() {
        Map<String, Object> v = Vectors.load("catalog.json");
        assertEquals("sample", v.get("catalog"));
        Stream<DynamicTest> r = each(Vectors.cases(v, "resolve"), c -> () -> expect(c,
                () -> SAMPLE.resolve((String) c.get("matter"), (String) c.get("township"), Vectors.instant(c.get("at"))),
                got -> {
                    Map<String, Object> g = (Map<String, Object>) got;
                    Map<String, Object> want = (Map<String, Object>) c.get("expected");
                    assertEquals(want.get("edition"), g.get("edition"));
                    assertEquals(want.get("primary"), id(g.get("primary")));
                    assertEquals(want.get("department"), id(g.get("department")));
                    List<Object> supporting = new ArrayList<>();
                    for (Object s : (List<Object>) g.get("supporting")) {
                        Map<String, Object> m = (Map<String, Object>) s;
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("unit", id(m.get("unit")));
                        x.put("kinds", ((Map<String, Object>) m.get("duty")).get("kinds"));
                        supporting.add(x);
                    }
                    assertEquals(want.get("supporting"), supporting);
                }));
        Stream<DynamicTest> a = each(Vectors.cases(v, "admit"), c -> () -> expect(c,
                () -> SAMPLE.admit((String) c.get("from"), (String) c.get("township"), (String) c.get("duty"),
                        Vectors.instant(c.get("at")), (String) c.get("matter")),
                got -> {
                    Map<String, Object> g = (Map<String, Object>) got;
                    Map<String, Object> want = (Map<String, Object>) c.get("expected");
                    Object reason = g.get("reason");
                    if (reason instanceof Map) {
                        reason = ((Map<String, Object>) reason).keySet().iterator().next();
                    }
                    assertEquals(want.get("decision"), g.get("decision"));
                    assertEquals(want.get("reason"), reason);
                    assertEquals(want.get("edition"), g.get("edition"));
                }));
        Stream<DynamicTest> acc = each(Vectors.cases(v, "accountable"), c -> () -> expect(c,
                () -> SAMPLE.accountable((String) c.get("matter"), (String) c.get("township"),
                        (String) c.get("breach"), Vectors.instant(c.get("at"))),
                got -> {
                    Map<String, Object> g = (Map<String, Object>) got;
                    Map<String, Object> want = (Map<String, Object>) c.get("expected");
                    List<Object> units = ((List<Object>) g.get("units")).stream().map(VectorsTest::id)
                            .collect(Collectors.toList());
                    assertEquals(want.get("units"), units);
                    assertEquals(want.get("department"), id(g.get("department")));
                    assertEquals(want.get("edition"), g.get("edition"));
                }));
        return Stream.of(r, a, acc).flatMap(s -> s);
    }

    private static Long epoch(Object rfc) {
        return rfc == null ? null : OffsetDateTime.parse((String) rfc).toEpochSecond();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> calls() {
        Map<String, Object> v = Vectors.load("calls.json");
        Map<String, Object> p = (Map<String, Object>) v.get("policy");
        assertEquals("U008", p.get("command_centre"));
        CallPolicy policy = CallPolicy.of((String) p.get("command_centre"));
        return each(Vectors.cases(v, "cases"), c -> () -> {
            List<Map<String, Object>> steps = (List<Map<String, Object>>) c.get("steps");
            Call call = Call.raise(CAL, Json.write(steps.get(0).get("event")), policy);
            assertEquals(steps.get(0).get("state"), call.kind());
            for (Map<String, Object> step : steps.subList(1, steps.size())) {
                if (step.containsKey("event")) {
                    Map<String, Object> before = step.containsKey("error") ? call.at(call.lastEventAt()) : null;
                    int count = call.eventCount();
                    expect(step, () -> {
                        call.apply(Json.write(step.get("event")));
                        return null;
                    }, got -> {});
                    if (step.containsKey("state")) {
                        assertEquals(step.get("state"), call.kind(), String.valueOf(step));
                    } else {
                        assertEquals(before, call.at(call.lastEventAt()), "a refusal changed the call");
                        assertEquals(count, call.eventCount());
                    }
                    continue;
                }
                Map<String, Object> want = (Map<String, Object>) step.get("expected");
                Map<String, Object> board = call.at(Vectors.instant(step.get("at")));
                assertEquals(want.get("state"), board.get("state"), String.valueOf(step));
                assertEquals(want.get("alarm"), board.get("alarm"), String.valueOf(step));
                Map<String, Object> countdowns = new LinkedHashMap<>();
                for (Object o : (List<Object>) board.get("countdowns")) {
                    Map<String, Object> cd = (Map<String, Object>) o;
                    countdowns.put((String) cd.get("stage"), cd.get("light") + "|" + epoch(cd.get("due")) + "|" + cd.get("round"));
                }
                Map<String, Object> expected = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) want.get("countdowns")).entrySet()) {
                    Map<String, Object> cd = (Map<String, Object>) e.getValue();
                    expected.put(e.getKey(), cd.get("light") + "|" + epoch(cd.get("due")) + "|" + cd.get("round"));
                }
                assertEquals(expected, countdowns, String.valueOf(step));
                List<Object> reminders = ((List<Object>) board.get("reminders")).stream()
                        .map(r -> ((Map<String, Object>) r).get("id")).collect(Collectors.toList());
                assertEquals(want.get("reminders"), reminders, String.valueOf(step));
                assertEquals(epoch(want.get("next_wakeup")), epoch(board.get("next_wakeup")), String.valueOf(step));
            }
        });
    }

    /** The value at a dotted path ({@code length}: an array's length). */
    @SuppressWarnings("unchecked")
    static Object atPath(Object v, String path) {
        Object cur = v;
        for (String key : path.split("\\.")) {
            if (key.equals("length") && cur instanceof List) {
                return (long) ((List<Object>) cur).size();
            }
            if (cur instanceof List) {
                cur = ((List<Object>) cur).get(Integer.parseInt(key));
            } else if (cur instanceof Map) {
                cur = ((Map<String, Object>) cur).get(key);
            } else {
                return null;
            }
        }
        return cur;
    }

    /** Equal JSON values, numbers within 1e-9. */
    @SuppressWarnings("unchecked")
    static void sameJson(Object want, Object got, String label) {
        if (want instanceof Number) {
            assertTrue(got instanceof Number, label + ": " + got);
            assertEquals(((Number) want).doubleValue(), ((Number) got).doubleValue(), 1e-9, label);
        } else if (want instanceof Map) {
            assertTrue(got instanceof Map, label + ": " + got);
            Map<String, Object> w = (Map<String, Object>) want;
            Map<String, Object> g = (Map<String, Object>) got;
            assertEquals(new TreeSet<>(w.keySet()), new TreeSet<>(g.keySet()), label);
            for (String k : w.keySet()) {
                sameJson(w.get(k), g.get(k), label + "." + k);
            }
        } else if (want instanceof List) {
            assertTrue(got instanceof List, label + ": " + got);
            List<Object> w = (List<Object>) want;
            List<Object> g = (List<Object>) got;
            assertEquals(w.size(), g.size(), label);
            for (int i = 0; i < w.size(); i++) {
                sameJson(w.get(i), g.get(i), label + "." + i);
            }
        } else {
            assertEquals(want, got, label);
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> compliance() {
        return each(Vectors.cases(Vectors.load("compliance.json"), "cases"), c -> () -> {
            ComplianceReport.Options o = ComplianceReport.options()
                    .by(((List<Object>) c.get("by")).toArray(new String[0]));
            if ("sample".equals(c.get("catalog"))) {
                o = o.catalog(SAMPLE);
            } else {
                assertNull(c.get("catalog"));
            }
            if (c.get("as_of") != null) {
                o = o.asOf(Vectors.instant(c.get("as_of")));
            }
            List<String> log = (List<String>) (List<?>) c.get("log");
            ComplianceReport r = ComplianceReport.fromLines(log, o);
            Map<String, Object> data = r.toMap();
            for (Object pair : (List<Object>) c.get("expected")) {
                List<Object> p = (List<Object>) pair;
                String path = (String) p.get(0);
                sameJson(p.get(1), atPath(data, path), Vectors.name(c) + ": " + path);
            }
        });
    }

    /** Does one case of errors.json; it must throw. */
    @SuppressWarnings("unchecked")
    private static void errorCase(Map<String, Object> c) {
        String op = (String) c.get("op");
        Calendar cal = Calendar.china();
        switch (op) {
            case "is_working_day":
                cal.isWorkingDay(day(c.get("date")));
                break;
            case "extend_from_tsv":
                cal.extendFromTsv((String) c.get("text"), "vector");
                break;
            case "extend_from_notice":
                cal.extendFromNotice((String) c.get("text"));
                break;
            case "deadline":
                cal.deadline(Vectors.instant(c.get("start")), (String) c.get("limit"));
                break;
            case "schedule":
                Schedule.parse((String) c.get("text"));
                break;
            case "limit":
                Limit.parse((String) c.get("text"));
                break;
            case "catalog_json":
                Catalog.fromJson((String) c.get("text"));
                break;
            case "resolve":
                SAMPLE.resolve((String) c.get("matter"), (String) c.get("township"), Vectors.instant(c.get("at")));
                break;
            case "call": {
                List<Event> events = new ArrayList<>();
                for (Object e : (List<Object>) c.get("events")) {
                    events.add(Event.json(Json.write(e)));
                }
                Call.fromEvents(cal, events, CallPolicy.of((String) c.get("policy")));
                break;
            }
            case "call_log":
                Call.replay(cal, (String) c.get("text"), CallPolicy.of((String) c.get("policy")));
                break;
            case "policy_warning":
                CallPolicy.of((String) c.get("policy")).withWarning(((Number) c.get("fraction")).doubleValue());
                break;
            case "report":
                ComplianceReport.fromLines(new ArrayList<>(), ComplianceReport.options()
                        .by(((List<Object>) c.get("by")).toArray(new String[0])));
                break;
            default:
                fail("unknown op " + op);
        }
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return each(Vectors.cases(Vectors.load("errors.json"), "cases"), c -> () -> {
            HuyingException e = assertThrows(HuyingException.class, () -> errorCase(c));
            assertEquals(c.get("code"), e.code(), e.getMessage());
            assertEquals(c.get("kind") + "Exception", e.getClass().getSimpleName(), e.getMessage());
            assertEquals("org.huying", e.getClass().getPackage().getName());
        });
    }

    @AfterAll
    static void everyVectorFileHasARunnerHere() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(Vectors.dir())) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        }
        assertFalse(files.isEmpty());
        TreeSet<String> missing = new TreeSet<>(files);
        missing.removeAll(Vectors.LOADED);
        assertTrue(missing.isEmpty(), "vector files without a Java runner: " + missing);
    }
}
