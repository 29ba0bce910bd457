package org.dlcourse;

import org.dlcourse.run.SwitchError;
import org.dlcourse.run.Switches;

import java.util.Locale;

/**
 * How big a run is: {@code full} is the real course run (the default), {@code fast} what hosted sessions (Binder
 * picks it) and the tests use (few samples and epochs, every notebook within two minutes on one CPU). The only
 * reader of {@code COURSE_PROFILE}.
 * <p>Used in every notebook through {@code course.profile().pick(full, fast)}; 04 §9 names {@code Profile.FULL}.
 */
public enum Profile {
    FULL,
    FAST;

    /** The profile of this run: {@code COURSE_PROFILE} (or the {@code course.profile} property). */
    public static Profile current() {
        String value = System.getProperty("course.profile", System.getenv("COURSE_PROFILE"));
        return parse(value);
    }

    static Profile parse(String value) {
        if (value == null || value.isBlank()) return FULL;
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "full":
                return FULL;
            case "fast":
                return FAST;
            default:
                throw new SwitchError(Switches.sentence("COURSE_PROFILE", value));
        }
    }

    /** The value for this profile: {@code full} in the course run, {@code fast} in tests. */
    public <T> T pick(T full, T fast) { return this == FULL ? full : fast; }

    public int pick(int full, int fast) { return this == FULL ? full : fast; }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
