package org.huying;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a call, in the core's JSON-lines log form: {@code type},
 * {@code v}, optional {@code id}, {@code call}, {@code at},
 * {@code actor} and the facts of the type. Build one with the typed
 * factories ({@link #raised}, {@link #dispatched}, …) or take a JSON line
 * as it is ({@link #json(String)}); {@link Call#apply(Event)} and
 * {@link Call#apply(String)} take either.
 *
 * <pre>{@code
 * Event e = Event.raised("C1", at, "U068", "M001", "video");
 * call.apply(Event.acknowledged("C1", at.plusMinutes(5), Actor.commandCentre("U008")));
 * }</pre>
 */
public final class Event {
    private final String line;

    private Event(String line) {
        this.line = line;
    }

    /**
     * An event from its JSON line (checked when a call takes it).
     *
     * @param line one JSON object in the log form
     * @return the event
     */
    public static Event json(String line) {
        return new Event(java.util.Objects.requireNonNull(line, "line").trim());
    }

    /**
     * An event of any type, with its facts.
     *
     * @param type e.g. {@code signed}
     * @param call the call id
     * @param at when (any offset)
     * @param actor who
     * @param facts the type's facts (names as in the log form), or an empty map
     * @return the event
     */
    public static Event of(String type, String call, OffsetDateTime at, Actor actor,
            Map<String, ?> facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("v", 1);
        m.put("call", call);
        m.put("at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("role", actor.role());
        a.put("unit", actor.unit());
        m.put("actor", a);
        for (Map.Entry<String, ?> e : facts.entrySet()) {
            if (e.getValue() != null) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new Event(Json.write(m));
    }

    private static Map<String, Object> facts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * The same event with an id (unique within a log; a repeat is refused by replay).
     *
     * @param id the event id
     * @return the event
     */
    public Event withId(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.putAll(Json.object(line));
        return new Event(Json.write(m));
    }

    /**
     * A township raises a call (by video or text report) about a matter on the list.
     *
     * @param call the call id
     * @param at when
     * @param township the township (also the actor)
     * @param matter the matter id
     * @param channel {@code video} or {@code text}
     * @return the event
     */
    public static Event raised(String call, OffsetDateTime at, String township, String matter,
            String channel) {
        return of("raised", call, at, Actor.township(township),
                facts("township", township, "matter", matter, "channel", channel));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @return the event
     */
    public static Event acknowledged(String call, OffsetDateTime at, Actor actor) {
        return of("acknowledged", call, at, actor, Collections.emptyMap());
    }

    /**
     * The command centre dispatches (转办) the call to the responsible department.
     *
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @param department the department or stationed agency
     * @param supporting the supporting units notified
     * @return the event
     */
    public static Event dispatched(String call, OffsetDateTime at, Actor actor, String department,
            String... supporting) {
        List<String> s = Arrays.asList(supporting);
        return of("dispatched", call, at, actor, facts("department", department, "supporting", s));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the department
     * @return the event
     */
    public static Event signed(String call, OffsetDateTime at, Actor actor) {
        return of("signed", call, at, actor, Collections.emptyMap());
    }

    /**
     * A department that is not responsible returns the call (退回).
     *
      * @param call the call
      * @param at when
      * @param actor the department
     * @param reason why
     * @return the event
     */
    public static Event returned(String call, OffsetDateTime at, Actor actor, String reason) {
        return of("returned", call, at, actor, facts("reason", reason));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the department
     * @return the event
     */
    public static Event arrived(String call, OffsetDateTime at, Actor actor) {
        return of("arrived", call, at, actor, Collections.emptyMap());
    }

    /**
     * The department replies with the result (答复办理结果).
     *
      * @param call the call
      * @param at when
      * @param actor the department
     * @param result the result
     * @return the event
     */
    public static Event replied(String call, OffsetDateTime at, Actor actor, String result) {
        return of("replied", call, at, actor, facts("result", result));
    }

    /**
     * The caller checks and evaluates the result; unsatisfied sends it back for rework.
     *
      * @param call the call
      * @param at when
      * @param actor the township
     * @param satisfied whether satisfied
     * @param comment a comment, or null
     * @return the event
     */
    public static Event evaluated(String call, OffsetDateTime at, Actor actor, boolean satisfied,
            String comment) {
        return of("evaluated", call, at, actor, facts("satisfied", satisfied, "comment", comment));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @return the event
     */
    public static Event closed(String call, OffsetDateTime at, Actor actor) {
        return of("closed", call, at, actor, Collections.emptyMap());
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the township
     * @param reason why, or null
     * @return the event
     */
    public static Event withdrawn(String call, OffsetDateTime at, Actor actor, String reason) {
        return of("withdrawn", call, at, actor, facts("reason", reason));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @param stage the stage
     * @param note a note, or null
     * @return the event
     */
    public static Event supervised(String call, OffsetDateTime at, Actor actor, String stage,
            String note) {
        return of("supervised", call, at, actor, facts("stage", stage, "note", note));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the department
     * @param stage the stage
     * @param extra e.g. {@code 2wd}
     * @param reason why
     * @return the event
     */
    public static Event extensionRequested(String call, OffsetDateTime at, Actor actor, String stage,
            String extra, String reason) {
        return of("extension_requested", call, at, actor,
                facts("stage", stage, "extra", extra, "reason", reason));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @param stage the stage
     * @param extra the extension granted, or null for as asked
     * @return the event
     */
    public static Event extensionGranted(String call, OffsetDateTime at, Actor actor, String stage,
            String extra) {
        return of("extension_granted", call, at, actor, facts("stage", stage, "extra", extra));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor the command centre
     * @param stage the stage
     * @param reason why, or null
     * @return the event
     */
    public static Event extensionDenied(String call, OffsetDateTime at, Actor actor, String stage,
            String reason) {
        return of("extension_denied", call, at, actor, facts("stage", stage, "reason", reason));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor who pauses
     * @param stage the stage
     * @param reason why (on the record)
     * @return the event
     */
    public static Event paused(String call, OffsetDateTime at, Actor actor, String stage,
            String reason) {
        return of("paused", call, at, actor, facts("stage", stage, "reason", reason));
    }

    /**
     * @param call the call
     * @param at when
     * @param actor who resumes
     * @param stage the stage
     * @return the event
     */
    public static Event resumed(String call, OffsetDateTime at, Actor actor, String stage) {
        return of("resumed", call, at, actor, facts("stage", stage));
    }

    /**
     * @return the event as one JSON line
     */
    public String toJson() {
        return line;
    }

    /**
     * @return the event as a map
     */
    public Map<String, Object> toMap() {
        return Json.object(line);
    }

    @Override
    public String toString() {
        return line;
    }
}
