package org.dlcourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dlcourse.draw.Words;

import java.lang.reflect.Array;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The check cells' one helper. Each call states one promise about a value the notebook computed: kept, it
 * prints a ticked line ({@code ✓ test accuracy: 0.853 ≥ 0.78}) so the reader sees what was checked; broken, it
 * throws {@link Failed}, naming what was checked and the values that broke it, and the test runner fails at
 * that cell. Used by the check cells of every notebook: 01 §5, §6, §7; 02 §2, §4, §5, §7; 03 §3, §5, §8;
 * 04 §3, §9; 05 §2, §7; 06 §5, §9.
 */
public final class Check {

    /** A broken promise: what was checked and the values that broke it. */
    public static final class Failed extends AssertionError {
        Failed(String what, String found) {
            super(Words.of("check.failed", what, found));
        }

        /** No stack frames: the kernel shows an exception as its stack trace, and the sentence says it all. */
        @Override public synchronized Throwable fillInStackTrace() { return this; }
    }

    private Check() {}

    /** {@code ok} must hold; {@code values}, the numbers the condition read, are shown after {@code what}. */
    public static void that(boolean ok, String what, Object... values) {
        String shown = Arrays.stream(values).map(Check::text).collect(Collectors.joining(", "));
        if (!ok) throw new Failed(what, values.length == 0 ? Words.of("check.false") : Words.of("check.falseFor", shown));
        pass(what + (values.length == 0 ? "" : ": " + shown));
    }

    /** Equal values; numbers compare by value (an int 9 equals a long 9), arrays and lists of numbers one by one. */
    public static void equal(String what, Object actual, Object expected) {
        List<Double> a = numbers(actual), e = numbers(expected);
        if (!(a != null && e != null ? a.equals(e) : Objects.deepEquals(actual, expected))) {
            throw new Failed(what, Words.of("check.found", text(actual), text(expected)));
        }
        pass(what + ": " + text(actual));
    }

    /** |actual − expected| ≤ tolerance. NaN is near nothing. */
    public static void near(String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) throw new Failed(what, apart(actual, expected, tolerance));
        pass(what + ": " + Numbers.text(actual) + " ≈ " + Numbers.text(expected) + " (± " + Numbers.text(tolerance) + ")");
    }

    /** Number by number: each side a double[], float[], list of numbers, NDArray or NDList (its arrays in order). */
    public static void near(String what, Object actual, Object expected, double tolerance) {
        List<Double> found = numbers(actual), wanted = Objects.requireNonNull(numbers(expected), Words.of("check.expectedNumbers"));
        if (found == null || found.size() != wanted.size()) {
            throw new Failed(what, Words.of("check.count", wanted.size(), text(wanted),
                    actual == null ? "null" : found == null ? actual : Words.of("check.numbers", found.size(), text(found))));
        }
        for (int i = 0; i < found.size(); i++) {
            if (!(Math.abs(found.get(i) - wanted.get(i)) <= tolerance)) {
                throw new Failed(what, Words.of("check.numberOf", i + 1, found.size(), apart(found.get(i), wanted.get(i), tolerance),
                        text(found), text(wanted)));
            }
        }
        double largest = 0;
        for (int i = 0; i < found.size(); i++) largest = Math.max(largest, Math.abs(found.get(i) - wanted.get(i)));
        pass(what + ": " + (found.size() > 6 ? Words.of("check.many", found.size()) : text(found) + " ≈ " + text(wanted))
                + " " + Words.of("check.largest", Numbers.text(tolerance), Numbers.text(largest)));
    }

    public static void atLeast(String what, double actual, double bar) {
        if (!(actual >= bar)) throw new Failed(what, Words.of("check.below", Numbers.text(actual), Numbers.text(bar)));
        pass(what + ": " + Numbers.text(actual) + " ≥ " + Numbers.text(bar));
    }

    public static void atMost(String what, double actual, double bar) {
        if (!(actual <= bar)) throw new Failed(what, Words.of("check.above", Numbers.text(actual), Numbers.text(bar)));
        pass(what + ": " + Numbers.text(actual) + " ≤ " + Numbers.text(bar));
    }

    /** low < actual < high, strictly. */
    public static void between(String what, double actual, double low, double high) {
        if (!(low < actual && actual < high)) {
            throw new Failed(what, Words.of("check.between", Numbers.text(actual), Numbers.text(low), Numbers.text(high)));
        }
        pass(what + ": " + Numbers.text(low) + " < " + Numbers.text(actual) + " < " + Numbers.text(high));
    }

    /** "a is not within t of b (off by d)", with all digits when 6 significant ones cannot tell a from b. */
    private static String apart(double actual, double expected, double tolerance) {
        boolean alike = Numbers.text(actual).equals(Numbers.text(expected));
        return Words.of("check.apart", alike ? String.valueOf(actual) : Numbers.text(actual), Numbers.text(tolerance),
                alike ? String.valueOf(expected) : Numbers.text(expected), Numbers.text(Math.abs(actual - expected)));
    }

    private static void pass(String line) { System.out.println("✓ " + line); }

    /** The numbers in a number, primitive array, NDArray or iterable of those (a list, an NDList); null if not numbers. */
    private static List<Double> numbers(Object value) {
        List<Double> all = new ArrayList<>();
        if (value instanceof Number n) {
            all.add(n.doubleValue());
        } else if (value instanceof NDArray a) {
            Arrays.stream(a.toType(DataType.FLOAT64, false).toDoubleArray()).forEach(all::add);
        } else if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                if (!(Array.get(value, i) instanceof Number n)) return null;
                all.add(n.doubleValue());
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                List<Double> inner = numbers(item);
                if (inner == null) return null;
                all.addAll(inner);
            }
        } else {
            return null;
        }
        return all;
    }

    private static String text(Object value) {
        List<Double> all = numbers(value);
        if (all == null) return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        return value instanceof Number ? Numbers.text(all.get(0))
                : all.stream().limit(12).map(Numbers::text).collect(Collectors.joining(", ", "[", all.size() > 12 ? ", …]" : "]"));
    }
}
