package org.huying;

/**
 * Who does an action: a role ({@code township}, {@code command_centre},
 * {@code department}, {@code system}) and a unit id. The embedding platform
 * authenticates the actor; Huying checks what the actor may do.
 */
public final class Actor {
    private final String role;
    private final String unit;

    private Actor(String role, String unit) {
        this.role = role;
        this.unit = java.util.Objects.requireNonNull(unit, "unit");
    }

    /**
     * An actor of any role.
     *
     * @param role {@code township}, {@code command_centre}, {@code department} or {@code system}
     * @param unit the unit id
     * @return the actor
     */
    public static Actor of(String role, String unit) {
        return new Actor(java.util.Objects.requireNonNull(role, "role"), unit);
    }

    /**
     * @param unit a township or street office
     * @return the actor
     */
    public static Actor township(String unit) {
        return new Actor("township", unit);
    }

    /**
     * @param unit the command centre
     * @return the actor
     */
    public static Actor commandCentre(String unit) {
        return new Actor("command_centre", unit);
    }

    /**
     * @param unit a department or stationed agency
     * @return the actor
     */
    public static Actor department(String unit) {
        return new Actor("department", unit);
    }

    /**
     * @param unit the platform itself (reminders)
     * @return the actor
     */
    public static Actor system(String unit) {
        return new Actor("system", unit);
    }

    /**
     * @return the role
     */
    public String role() {
        return role;
    }

    /**
     * @return the unit id
     */
    public String unit() {
        return unit;
    }

    @Override
    public String toString() {
        return role + ":" + unit;
    }
}
