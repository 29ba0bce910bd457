package org.dlcourse.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kit's four switches, checked as {@code environment/switches.sh} checks them (any case, spaces
 * ignored) and explained with the same sentence. {@code Course.start()} calls {@link #check()} before DJL
 * loads an engine: DJL fails on a wrong engine name inside its static set-up, with a wall of frames.
 */
public final class Switches {

    private static final List<String> NAMES = List.of("DJL_DEFAULT_ENGINE", "COURSE_PROFILE", "COURSE_DEVICE", "COURSE_LANG");
    /** Each switch's choices, in lower case. */
    private static final Map<String, List<String>> CHOICES = Map.of(
            "DJL_DEFAULT_ENGINE", List.of("mxnet", "pytorch"),
            "COURSE_PROFILE", List.of("full", "fast"),
            "COURSE_DEVICE", List.of("auto", "cpu", "gpu"),
            "COURSE_LANG", List.of("fr", "en"));
    /** Each switch's choices as the sentence lists them, word for word as switches.sh does. */
    private static final Map<String, String> SAID = Map.of(
            "DJL_DEFAULT_ENGINE", "MXNet (the default) or PyTorch",
            "COURSE_PROFILE", "full (the course run, the default) or fast (hosted sessions and tests)",
            "COURSE_DEVICE", "auto (the default: a GPU if there is one), cpu or gpu",
            "COURSE_LANG", "fr or en (unset: the edition's language, French in notebooks/fr)");

    private Switches() {}

    /** Throws {@link SwitchError} for the first switch of this process's environment that is not a choice. */
    public static void check() {
        Map<String, String> values = new LinkedHashMap<>();
        NAMES.forEach(name -> values.put(name, System.getenv(name)));
        String wrong = firstWrong(values);
        if (wrong != null) {
            throw new SwitchError(wrong);
        }
    }

    /** The sentence for the first switch whose value is not a choice; null if all are fine or unset. */
    static String firstWrong(Map<String, String> values) {
        for (String name : NAMES) {
            String value = values.get(name);
            String given = value == null ? "" : value.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (!given.isEmpty() && !CHOICES.get(name).contains(given)) {
                return sentence(name, value);
            }
        }
        return null;
    }

    /** What switches.sh says of a wrong value, and what a running kernel needs on top: a restart. */
    public static String sentence(String name, String value) {
        return name + "=" + value + " is not a choice: set it to " + SAID.get(name)
                + ", or unset it; then restart the kernel.";
    }
}
