package org.dlcourse;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The bridge to the notebook's output area. The kernel's start-up script connects JJava's
 * {@code display} and {@code updateDisplay} here, so the library can show a chart and then
 * redraw it in place, without depending on the kernel at compile time. Outside a notebook
 * (unit tests, plain Java) nothing is connected and showing is a no-op that returns null.
 * <p>Used by the kernel's start-up script ({@code environment/startup.jshell}), and by {@link LiveOutput}.
 */
public final class Notebook {

    private static volatile Function<Object, String> display;
    private static volatile BiConsumer<String, Object> update;

    private Notebook() {}

    /** Called once by the kernel's start-up script. */
    public static void connect(Function<Object, String> display, BiConsumer<String, Object> update) {
        Notebook.display = Objects.requireNonNull(display);
        Notebook.update = Objects.requireNonNull(update);
    }

    /** Forgets the connection (tests). */
    public static void disconnect() {
        display = null;
        update = null;
    }

    /** Shows an object in a new output area; returns its id for {@link #update}, or null outside a notebook. */
    public static String show(Object o) {
        Function<Object, String> d = display;
        return d == null ? null : d.apply(o);
    }

    /** Redraws the output area {@code id} with {@code o}; does nothing for a null id. */
    public static void update(String id, Object o) {
        BiConsumer<String, Object> u = update;
        if (id != null && u != null) {
            u.accept(id, o);
        }
    }
}
