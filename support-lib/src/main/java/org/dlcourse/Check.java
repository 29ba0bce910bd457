package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The check cells' one helper. Each call states one promise of a notebook about a value the notebook
 * computed: when it holds, it prints a line with a tick ({@code ✓ test accuracy: 0.853 ≥ 0.78}) so the reader
 * sees what was checked; when not, it throws {@link Failed}, whose message names what was checked and the
 * values that broke it. The test runner fails on that error, naming the notebook and the cell. Numbers are
 * written by {@link Numbers#text}. Used by the check cells of every notebook: 01 §5, §6, §7; 02 §2, §4, §5,
 * §7; 03 §3, §5, §8; 04 §3, §9; 05 §2, §7; 06 §5, §9.
 */
public final class Check {

    /** A broken promise: what was checked and the values that broke it. */
    public static final class Failed extends AssertionError {
        Failed(String what, String found) {
            super("Check failed: " + what + ": " + found);
        }
    }

    private Check() {}

    /** {@code ok} must hold; {@code values} are shown after {@code what}, e.g. the numbers the condition read. */
    public static void that(boolean ok, String what, Object... values) {
        String shown = values.length == 0 ? "" : ": " + List.of(values).stream().map(Check::text).collect(Collectors.joining(", "));
        if (!ok) {
            throw new Failed(what, "false" + (values.length == 0 ? "" : " for " + shown.substring(2)));
        }
        pass(what + shown);
    }

    /** Equal values; numbers compare by value (an int 9 equals a long 9), arrays and lists of numbers number by number. */
    public static void equal(String what, Object actual, Object expected) {
        List<Double> a = numbersOrNull(actual), e = numbersOrNull(expected);
        boolean same = a != null && e != null ? a.equals(e) : Objects.deepEquals(actual, expected);
        if (!same) {
            throw new Failed(what, "found " + text(actual) + ", expected " + text(expected));
        }
        pass(what + ": " + text(actual));
    }

    /** |actual − expected| ≤ tolerance. NaN is never near anything. */
    public static void near(String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new Failed(what, Numbers.text(actual) + " is not within " + Numbers.text(tolerance) + " of "
                    + Numbers.text(expected) + " (off by " + Numbers.text(Math.abs(actual - expected)) + ")");
        }
        pass(what + ": " + Numbers.text(actual) + " ≈ " + Numbers.text(expected) + " (± " + Numbers.text(tolerance) + ")");
    }

    /**
     * Every number of {@code actual} near the one at the same place in {@code expected}. Each is a double[],
     * float[], list of numbers, NDArray or NDList (its arrays' numbers in order), or a number; null fails.
     */
    public static void near(String what, Object actual, Object expected, double tolerance) {
        List<Double> found = numbers(actual), wanted = Objects.requireNonNull(numbers(expected), "expected");
        if (found == null || found.size() != wanted.size()) {
            throw new Failed(what, "expected " + wanted.size() + " numbers " + text(wanted) + ", found "
                    + (found == null ? "null" : found.size() + " numbers " + text(found)));
        }
        for (int i = 0; i < found.size(); i++) {
            if (!(Math.abs(found.get(i) - wanted.get(i)) <= tolerance)) {
                throw new Failed(what, "number " + (i + 1) + " of " + found.size() + " is " + Numbers.text(found.get(i))
                        + ", not within " + Numbers.text(tolerance) + " of " + Numbers.text(wanted.get(i))
                        + "; found " + text(found) + ", expected " + text(wanted));
            }
        }
        pass(what + ": " + text(found) + " ≈ " + text(wanted) + " (± " + Numbers.text(tolerance) + ")");
    }

    /** actual ≥ bar. */
    public static void atLeast(String what, double actual, double bar) {
        compare(what, actual, actual >= bar, " ≥ ", bar, " is below ");
    }

    /** actual ≤ bar. */
    public static void atMost(String what, double actual, double bar) {
        compare(what, actual, actual <= bar, " ≤ ", bar, " is above ");
    }

    /** low < actual < high, both strictly. */
    public static void between(String what, double actual, double low, double high) {
        if (!(low < actual && actual < high)) {
            throw new Failed(what, Numbers.text(actual) + " is not strictly between " + Numbers.text(low) + " and " + Numbers.text(high));
        }
        pass(what + ": " + Numbers.text(low) + " < " + Numbers.text(actual) + " < " + Numbers.text(high));
    }

    private static void compare(String what, double actual, boolean ok, String holds, double bar, String fails) {
        if (!ok) {
            throw new Failed(what, Numbers.text(actual) + fails + "the bar " + Numbers.text(bar));
        }
        pass(what + ": " + Numbers.text(actual) + holds + Numbers.text(bar));
    }

    private static void pass(String line) {
        System.out.println("✓ " + line);
    }

    /** The numbers of a number, an array of numbers, a list of numbers, an NDArray or an NDList (its arrays in order). */
    static List<Double> numbers(Object value) {
        List<Double> result = numbersOrNull(value);
        if (result == null && value != null) {
            throw new IllegalArgumentException("Check.near compares numbers, not " + value);
        }
        return result;
    }

    private static List<Double> numbersOrNull(Object value) {
        List<Double> result = new ArrayList<>();
        if (value instanceof Number n) {
            result.add(n.doubleValue());
        } else if (value instanceof NDArray a) {
            for (double v : a.toType(DataType.FLOAT64, false).toDoubleArray()) result.add(v);
        } else if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                if (!(Array.get(value, i) instanceof Number n)) return null;
                result.add(n.doubleValue());
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                List<Double> inner = numbersOrNull(item);
                if (inner == null) return null;
                result.addAll(inner);
            }
        } else {
            return null;
        }
        return result;
    }

    private static String text(Object value) {
        List<Double> all = numbersOrNull(value);
        if (all == null) {
            return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        }
        return value instanceof Number ? Numbers.text(all.get(0))
                : all.stream().limit(12).map(Numbers::text).collect(Collectors.joining(", ", "[", all.size() > 12 ? ", …]" : "]"));
    }
}
