package org.huying;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One township call (乡呼县应): raised, acknowledged, dispatched, signed,
 * on site, replied, evaluated, closed — validated event by event against
 * its state, the actors' rights and the stage clocks. A refused event
 * ({@link TransitionException}, {@link NotAuthorizedException}, …) changes
 * nothing.
 *
 * <p>Huying decides what is due when; the platform rings and texts. It
 * never reads the clock: pass {@code now} to {@link #at}, {@link #nextWakeup}
 * and {@link #pollReminders}. Boards, reminders and verdicts come back as
 * unmodifiable maps in the core's JSON form (instants as RFC 3339 text).
 *
 * <p>Methods are synchronized: a call may be shared between threads, one
 * event at a time.
 */
public final class Call extends NativeObject {
    private Map<String, Object> info;

    private Call(long h) {
        super(Native.CALL, h);
    }

    /**
     * A call from its {@code raised} event.
     *
     * @param calendar the calendar its clocks count on
     * @param raised the {@code raised} event
     * @param policy the policy
     * @return the call
     */
    public static Call raise(Calendar calendar, Event raised, CallPolicy policy) {
        return new Call(nNew(0, calendar.h(), calendar, policy.h(), policy, raised.toJson()));
    }

    /**
     * A call from its {@code raised} event, as a JSON line.
     *
     * @param calendar the calendar
     * @param raised the event's JSON line
     * @param policy the policy
     * @return the call
     */
    public static Call raise(Calendar calendar, String raised, CallPolicy policy) {
        return raise(calendar, Event.json(raised), policy);
    }

    /**
     * A call rebuilt from its events, in order.
     *
     * @param calendar the calendar
     * @param events the events, the first {@code raised}
     * @param policy the policy
     * @return the call
     */
    public static Call fromEvents(Calendar calendar, Iterable<Event> events, CallPolicy policy) {
        StringBuilder b = new StringBuilder();
        for (Event e : events) {
            b.append(e.toJson()).append('\n');
        }
        return new Call(nNew(1, calendar.h(), calendar, policy.h(), policy, b.toString()));
    }

    /**
     * A call rebuilt from its JSON-lines log; a refusal names its {@code line()}.
     *
     * @param calendar the calendar
     * @param log the log, one event per line
     * @param policy the policy
     * @return the call
     */
    public static Call replay(Calendar calendar, String log, CallPolicy policy) {
        return new Call(nNew(2, calendar.h(), calendar, policy.h(), policy,
                java.util.Objects.requireNonNull(log)));
    }

    /**
     * Records an event; a refused one changes nothing.
     *
     * @param event the event
     * @throws TransitionException for an event the state does not take
     * @throws NotAuthorizedException for an actor that may not do it
     */
    public synchronized void apply(Event event) {
        nApply(h(), event.toJson());
        info = null;
    }

    /**
     * Records an event given as a JSON line.
     *
     * @param eventJson the event
     */
    public void apply(String eventJson) {
        apply(Event.json(eventJson));
    }

    /**
     * What to show and do at {@code now}: {@code state}, {@code alarm}, the
     * {@code countdowns} with their lights and due times, the
     * {@code reminders} due, the stages to supervise, the pending extension
     * and {@code next_wakeup}.
     *
     * @param now the caller's now
     * @return the board
     */
    public synchronized Map<String, Object> at(OffsetDateTime now) {
        return at(Time.of(now));
    }

    /**
     * {@link #at(OffsetDateTime)} at an {@code Instant}.
     *
     * @param now the caller's now
     * @return the board
     */
    public synchronized Map<String, Object> at(Instant now) {
        return Json.object(nAt(h(), 0, now.getEpochSecond(), now.getNano()));
    }

    /**
     * When to look at the call again after {@code now}.
     *
     * @param now the caller's now
     * @return the next wake-up at +08:00, or null when nothing is pending
     */
    public synchronized OffsetDateTime nextWakeup(OffsetDateTime now) {
        Instant t = Time.of(now);
        return Time.parse(nAt(h(), 1, t.getEpochSecond(), t.getNano()));
    }

    /**
     * The reminders due at {@code now}, each handed out once and recorded as a
     * {@code reminder_sent} event: the platform sends the SMS.
     *
     * @param now the caller's now
     * @return the reminders
     */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> pollReminders(OffsetDateTime now) {
        Instant t = Time.of(now);
        List<Map<String, Object>> r = (List<Map<String, Object>>) (List<?>) Json.array(
                nAt(h(), 2, t.getEpochSecond(), t.getNano()));
        info = null;
        return r;
    }

    private synchronized Map<String, Object> info() {
        if (info == null) {
            info = Json.object(nInfo(h()));
        }
        return info;
    }

    /**
     * @return one verdict per ended stage clock: met or missed, with limit and times
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> verdicts() {
        return (List<Map<String, Object>>) info().get("verdicts");
    }

    /**
     * @return the call's id
     */
    public String id() {
        return (String) info().get("id");
    }

    /**
     * @return the township that raised it
     */
    public String township() {
        return (String) info().get("township");
    }

    /**
     * @return the matter on the list
     */
    public String matter() {
        return (String) info().get("matter");
    }

    /**
     * @return {@code video} or {@code text}
     */
    public String channel() {
        return (String) info().get("channel");
    }

    /**
     * @return when it was raised, at +08:00
     */
    public OffsetDateTime raisedAt() {
        return Time.parse((String) info().get("raised_at"));
    }

    /**
     * @return the state's code, e.g. {@code dispatched}
     */
    public String kind() {
        return (String) info().get("kind");
    }

    /**
     * @return the state, as a map ({@code {"state": "dispatched", ...}})
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> state() {
        return (Map<String, Object>) info().get("state");
    }

    /**
     * Gives the call another calendar — the same with a year added (a new
     * State Council notice, {@link Calendar#extendFromNotice}) — and counts
     * the clocks that waited for it.
     *
     * @param calendar the calendar
     */
    public synchronized void setCalendar(Calendar calendar) {
        nSetCalendar(h(), calendar.h(), calendar);
        info = null;
    }

    /**
     * @return the earliest year a clock of the call waits for (its due time
     *     falls past the calendar's data: load that year's notice), or null
     */
    public Integer pendingCalendar() {
        Object y = info().get("pending_calendar");
        return y == null ? null : ((Number) y).intValue();
    }

    /**
     * @return whether the call is still open
     */
    public boolean isOpen() {
        return Boolean.TRUE.equals(info().get("open"));
    }

    /**
     * @return whether the command centre's alarm is sounding (not yet acknowledged)
     */
    public boolean alarm() {
        return Boolean.TRUE.equals(info().get("alarm"));
    }

    /**
     * @return the department it was dispatched to, or null
     */
    public String department() {
        return (String) info().get("department");
    }

    /**
     * @return the supporting units notified
     */
    @SuppressWarnings("unchecked")
    public List<String> supporting() {
        return (List<String>) info().get("supporting");
    }

    /**
     * @return the command centre's unit, once known, or null
     */
    public String commandCentre() {
        return (String) info().get("command_centre");
    }

    /**
     * @return the extension asked for and not yet decided, or null
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> pendingExtension() {
        return (Map<String, Object>) info().get("pending_extension");
    }

    /**
     * @return the instant of the latest event, at +08:00
     */
    public OffsetDateTime lastEventAt() {
        return Time.parse((String) info().get("last_event_at"));
    }

    /**
     * @return how many events the call has recorded
     */
    public int eventCount() {
        return ((Number) info().get("event_count")).intValue();
    }

    /**
     * The limit of a stage for this call's matter.
     *
     * @param stage {@code dispatch}, {@code arrival} or {@code reply}
     * @return the limit
     */
    public Limit limitOf(String stage) {
        Object v = info().get(stage);
        if (v == null) {
            throw new IllegalArgumentException(stage + ": expected dispatch, arrival or reply");
        }
        return Limit.parse((String) v);
    }

    /**
     * The unit that answers for the call's matter in its township per the
     * list in force at an instant: the command centre's default choice for dispatch.
     *
     * @param catalog the list
     * @param at the instant
     * @return the unit id
     */
    public synchronized String responsibleUnit(Catalog catalog, OffsetDateTime at) {
        Instant t = Time.of(at);
        return nResponsibleUnit(h(), catalog.h(), catalog, t.getEpochSecond(), t.getNano());
    }

    /**
     * The {@code dispatched} event to a department by the command centre,
     * naming as supporting units those the list gives the matter in the
     * call's township (none without a list).
     *
     * @param at when
     * @param commandCentre the command centre unit
     * @param department the department
     * @param catalog the list, or null
     * @return the event, to {@link #apply(Event)}
     */
    public synchronized Event dispatchEvent(OffsetDateTime at, String commandCentre, String department,
            Catalog catalog) {
        Instant t = Time.of(at);
        return Event.json(nDispatchEvent(h(), t.getEpochSecond(), t.getNano(), commandCentre, department,
                catalog == null ? 0 : catalog.h(), catalog));
    }

    @Override
    public String toString() {
        return "Call(" + id() + ", " + kind() + ", " + eventCount() + " events)";
    }

    private static native long nNew(int how, long cal, Calendar kc, long policy, CallPolicy kp,
            String text);

    private native void nApply(long h, String line);

    private native String nAt(long h, int what, long s, int n);

    private native String nInfo(long h);

    private native void nSetCalendar(long h, long cal, Calendar keep);

    private native String nResponsibleUnit(long h, long cat, Catalog keep, long s, int n);

    private native String nDispatchEvent(long h, long s, int n, String actor, String department,
            long cat, Catalog keep);
}
