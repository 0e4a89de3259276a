package org.huying;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The policy of calls: whose identities to believe, the stage limits
 * (dispatch 30 minutes, arrival 3 hours, reply 3 working days by default),
 * per-matter limits, the day-end rule, the warning fraction and the
 * reminder marks. Immutable and thread-safe: each {@code with…} method
 * returns a new policy.
 *
 * <p><b>Who is who.</b> The embedding platform authenticates who sent an
 * event; Huying checks what that identity may do. Built from the list
 * ({@link #fromCatalog}), a policy checks every unit against it: only a
 * township or street office raises, evaluates and withdraws, and only its
 * own calls; only the list's command centre acts as the command centre; a
 * call is dispatched to a department or stationed agency, never to the
 * command centre; matters and supporting units must be on the list in force.
 * Each refusal is typed: {@code call.wrong_role} and {@code call.unknown_unit}
 * ({@link NotAuthorizedException}), {@code call.unknown_matter}
 * ({@link CatalogLookupException}). Without a list a policy must name its
 * command centre ({@link #of(String)}); {@link #trustEveryone()} believes
 * every claim, for tests and demonstrations.
 */
public final class CallPolicy extends NativeObject {
    private volatile Map<String, Object> info;

    private CallPolicy(long h) {
        super(Native.CALL_POLICY, h);
    }

    /**
     * The standard policy of a county whose command centre is the unit
     * {@code commandCentre}: only it acts as the command centre, and it
     * neither raises nor answers calls; the other units' claims are believed.
     *
     * @param commandCentre the command centre's unit id, e.g. {@code U008}
     */
    public CallPolicy(String commandCentre) {
        this(nNew(0, java.util.Objects.requireNonNull(commandCentre, "commandCentre")));
    }

    /**
     * {@link #CallPolicy(String)}.
     *
     * @param commandCentre the command centre's unit id
     * @return the policy
     */
    public static CallPolicy of(String commandCentre) {
        return new CallPolicy(commandCentre);
    }

    /**
     * @return the standard policy believing every claim (tests and demonstrations)
     */
    public static CallPolicy trustEveryone() {
        return new CallPolicy(nNew(1, null));
    }

    /**
     * The standard policy under the list in force at an instant: its command
     * centre, the limits its matters set for themselves, and every unit
     * checked against the list.
     *
     * @param catalog the list
     * @param at the instant
     * @return the policy
     * @throws CatalogLookupException before the list takes effect
     */
    public static CallPolicy fromCatalog(Catalog catalog, OffsetDateTime at) {
        java.time.Instant t = Time.of(at);
        return new CallPolicy(nFromCatalog(catalog.h(), catalog, t.getEpochSecond(), t.getNano()));
    }

    private CallPolicy with(int what, String a, String b, double number, boolean flag, int[] marks,
            Catalog other) {
        return new CallPolicy(nWith(h(), what, a, b, number, flag, marks,
                other == null ? 0 : other.h(), other));
    }

    /**
     * The same policy checking every unit against a list.
     *
     * @param catalog the list
     * @return a new policy
     */
    public CallPolicy withList(Catalog catalog) {
        return with(0, null, null, 0, false, null, java.util.Objects.requireNonNull(catalog));
    }

    /**
     * With another limit for a stage.
     *
     * @param stage {@code dispatch}, {@code arrival} or {@code reply}
     * @param limit e.g. {@code 5wd}
     * @return a new policy
     */
    public CallPolicy withLimit(String stage, String limit) {
        return with(1, stage, limit, 0, false, null, null);
    }

    /**
     * With a matter's own limits (an empty map drops them).
     *
     * @param matter the matter id
     * @param limits stage to limit, e.g. {@code {"reply": "5wd"}}
     * @return a new policy
     */
    public CallPolicy withMatter(String matter, Map<String, String> limits) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : limits.entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return with(2, matter, b.toString(), 0, false, null, null);
    }

    /**
     * With the day-end rule of day limits.
     *
     * @param dayEnd {@code midnight} or {@code close_of_business}
     * @return a new policy
     */
    public CallPolicy withDayEnd(String dayEnd) {
        return with(3, dayEnd, null, 0, false, null, null);
    }

    /**
     * With the fraction of a limit past which a light turns yellow.
     *
     * @param fraction in (0, 1)
     * @return a new policy
     * @throws CallPolicyException outside 0..1
     */
    public CallPolicy withWarning(double fraction) {
        return with(4, null, null, fraction, false, null, null);
    }

    /**
     * With the reminder marks, in percent of the limit.
     *
     * @param percents e.g. {@code 50, 80}
     * @return a new policy
     */
    public CallPolicy withReminders(int... percents) {
        return with(5, null, null, 0, false, percents.clone(), null);
    }

    /**
     * With or without a reminder at the breach.
     *
     * @param on whether to remind at the breach
     * @return a new policy
     */
    public CallPolicy withBreachReminder(boolean on) {
        return with(6, null, null, 0, on, null, null);
    }

    /**
     * With the command centre's unit id.
     *
     * @param unit the unit
     * @return a new policy
     */
    public CallPolicy withCommandCentre(String unit) {
        return with(7, unit, null, 0, false, null, null);
    }

    private Map<String, Object> info() {
        Map<String, Object> i = info;
        if (i == null) {
            i = Json.object(nInfo(h()));
            info = i;
        }
        return i;
    }

    /**
     * The limit of a stage.
     *
     * @param stage {@code dispatch}, {@code arrival} or {@code reply}
     * @return the limit
     */
    public Limit limit(String stage) {
        Object v = info().get(stage);
        if (v == null) {
            throw new IllegalArgumentException(stage + ": expected dispatch, arrival or reply");
        }
        return Limit.parse((String) v);
    }

    /**
     * The limit of a stage for a matter (its own, else the stage's).
     *
     * @param matter the matter id
     * @param stage the stage
     * @return the limit
     */
    public Limit limitFor(String matter, String stage) {
        return Limit.parse(nLimitFor(h(), matter, stage));
    }

    /**
     * @return whether the policy believes every claim
     */
    public boolean trustsEveryone() {
        return Boolean.TRUE.equals(info().get("trusts_everyone"));
    }

    /**
     * @return whether identities are checked against a list
     */
    public boolean checksList() {
        return Boolean.TRUE.equals(info().get("checks_list"));
    }

    /**
     * @return the day-end rule
     */
    public String dayEnd() {
        return (String) info().get("day_end");
    }

    /**
     * @return the warning fraction
     */
    public double warning() {
        return ((Number) info().get("warning")).doubleValue();
    }

    /**
     * @return the reminder marks, in percent
     */
    @SuppressWarnings("unchecked")
    public int[] reminders() {
        List<Object> l = (List<Object>) info().get("reminders");
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    /**
     * @return whether a reminder goes out at the breach
     */
    public boolean breachReminder() {
        return Boolean.TRUE.equals(info().get("breach_reminder"));
    }

    /**
     * @return the command centre's unit id, or null
     */
    public String commandCentre() {
        return (String) info().get("command_centre");
    }

    @Override
    public String toString() {
        return "CallPolicy(dispatch " + info().get("dispatch") + ", arrival " + info().get("arrival")
                + ", reply " + info().get("reply") + ", command centre " + commandCentre() + ")";
    }

    private static native long nNew(int how, String unit);

    private static native long nFromCatalog(long cat, Catalog keep, long s, int n);

    private native long nWith(long h, int what, String a, String b, double number, boolean flag,
            int[] marks, long other, Catalog keep);

    private native String nInfo(long h);

    private native String nLimitFor(long h, String matter, String stage);
}
