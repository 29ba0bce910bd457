package org.dlcourse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the check cells rely on: a broken promise always throws (so the test runner fails at that cell), with a
 * message naming what was checked and the values that broke it; a kept promise prints one ticked line and
 * throws nothing. NaN never passes a check.
 */
class CheckTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeptPromisePrintsOneTickedLineWithTheValuesItCompared() {
        Check.atLeast("test accuracy", 0.853, 0.78);
        Check.near("synthetic w", 3.0012, 3.0011, 1e-3);
        assertEquals("✓ test accuracy: 0.853 ≥ 0.78\n✓ synthetic w: 3.0012 ≈ 3.0011 (± 0.001)\n", printed());
    }

    @Test
    void aBrokenPromiseThrowsAnAssertionErrorNamingWhatAndTheValues() {
        Check.Failed e = assertThrows(Check.Failed.class, () -> Check.atLeast("test accuracy", 0.612, 0.78));
        assertTrue(e instanceof AssertionError, "the runner and nbgrader see an error, not a printed warning");
        assertEquals("Check failed: test accuracy: 0.612 is below the bar 0.78", e.getMessage());
        assertEquals("", printed(), "no tick for a broken promise");
    }

    @Test
    void nearSaysHowFarOffTheValueIs() {
        Check.Failed e = assertThrows(Check.Failed.class, () -> Check.near("cars b", 23.5, 23.9, 0.0239));
        assertEquals("Check failed: cars b: 23.5 is not within 0.0239 of 23.9 (off by 0.4)", e.getMessage());
    }

    @Test
    void nanPassesNoCheck() {
        assertThrows(Check.Failed.class, () -> Check.near("loss", Double.NaN, 0, 1e9));
        assertThrows(Check.Failed.class, () -> Check.atLeast("loss", Double.NaN, 0));
        assertThrows(Check.Failed.class, () -> Check.atMost("loss", Double.NaN, 1));
        assertThrows(Check.Failed.class, () -> Check.between("accuracy", Double.NaN, 0.5, 1));
        assertThrows(Check.Failed.class, () -> Check.near("gradient", new double[] {Double.NaN}, new double[] {0}, 1));
    }

    @Test
    void betweenIsStrictAndTheBarsOfAtLeastAndAtMostAreIncluded() {
        assertThrows(Check.Failed.class, () -> Check.between("discriminator accuracy", 1.0, 0.5, 1.0));
        assertThrows(Check.Failed.class, () -> Check.between("discriminator accuracy", 0.5, 0.5, 1.0));
        assertDoesNotThrow(() -> Check.between("discriminator accuracy", 0.75, 0.5, 1.0));
        assertDoesNotThrow(() -> Check.atLeast("accuracy", 0.78, 0.78));
        assertDoesNotThrow(() -> Check.atMost("MSE", 0.05, 0.05));
    }

    @Test
    void arraysAreComparedNumberByNumberAndTheFirstBadNumberIsNamed() {
        Check.near("df/dw", new float[] {-0.19661f, -0.39322f, 0.19661f}, new double[] {-0.20, -0.39, 0.20}, 0.005);
        Check.Failed e = assertThrows(Check.Failed.class,
                () -> Check.near("df/dw", new double[] {-0.2, 0.39, 0.2}, new double[] {-0.2, -0.39, 0.2}, 0.005));
        assertTrue(e.getMessage().contains("number 2 of 3: 0.39 is not within 0.005 of -0.39"), e.getMessage());
        Check.Failed moved = assertThrows(Check.Failed.class, () -> Check.near("p", new double[] {1.000001}, new double[] {1}, 0));
        assertTrue(moved.getMessage().contains("1.000001 is not within 0 of 1.0"), "all digits when 6 cannot tell: " + moved.getMessage());
    }

    @Test
    void aKeptPromiseOnManyNumbersIsSummedUpInItsLine() {
        Check.near("df/dw", new double[] {1, 2}, new double[] {1, 2.0005}, 0.001);
        Check.near("outputs", new double[8], new double[8], 0);
        assertEquals("✓ df/dw: [1, 2] ≈ [1, 2.0005] (± 0.001, largest difference 5e-4)\n"
                + "✓ outputs: 8 numbers (± 0, largest difference 0)\n", printed());
    }

    @Test
    void aMissingOrWronglySizedResultFailsWithAMessageInsteadOfAnotherException() {
        Check.Failed missing = assertThrows(Check.Failed.class, () -> Check.near("leastSquares", null, new double[] {2, 1}, 1e-6));
        assertTrue(missing.getMessage().contains("expected 2 numbers [2, 1], found null"), missing.getMessage());
        Check.Failed extra = assertThrows(Check.Failed.class,
                () -> Check.near("outputs", new float[] {1, 2, 3}, new double[] {1, 2}, 1e-6));
        assertTrue(extra.getMessage().contains("found 3 numbers [1, 2, 3]"), extra.getMessage());
    }

    @Test
    void ndArraysListsAndNdListsAreReadAsTheirNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList states = new NDList(manager.create(new float[] {0.5f}), manager.create(new float[] {1f}));
            Check.near("{h_t, c_t}", states, List.of(0.5, 1.0), 1e-6);
            Check.near("outputs", manager.create(new float[][] {{1, 2}, {3, 4}}), new double[] {1, 2, 3, 4}, 0);
        }
    }

    @Test
    void equalComparesNumbersByValueWhateverTheirType() {
        Check.equal("parameters in all", 122_570L, 122_570);
        Check.equal("parameters per convolution", List.of(896L, 18_496L), new long[] {896, 18_496});
        Check.Failed e = assertThrows(Check.Failed.class, () -> Check.equal("parameters", 13, 9));
        assertEquals("Check failed: parameters: found 13, expected 9", e.getMessage());
        assertThrows(Check.Failed.class, () -> Check.equal("shape", "(4, 2)", "(4, 1)"));
    }

    @Test
    void thatShowsTheValuesTheConditionRead() {
        Check.Failed e = assertThrows(Check.Failed.class,
                () -> Check.that(false, "ganStep's losses finite and positive", new float[] {0.7f, 0f}));
        assertEquals("Check failed: ganStep's losses finite and positive: false for [0.7, 0]", e.getMessage());
        Check.that(true, "the LSTM beats both naive forecasts", 0.123, 0.183);
        assertEquals("✓ the LSTM beats both naive forecasts: 0.123, 0.183\n", printed());
    }

    @Test
    void numbersAreWrittenOneWayForTheWholeKit() {
        assertEquals("122,570", Numbers.text(122_570));
        assertEquals("0.37375", Numbers.text(0.37375));
        assertEquals("0.853457", Numbers.text(0.85345678));
        assertEquals("1e-5", Numbers.text(1e-5));
        assertEquals("2.5e-12", Numbers.text(2.5e-12));
        assertEquals("-0.196612", Numbers.text(-0.19661193));
        assertEquals("NaN", Numbers.text(Double.NaN));
        assertEquals("0.1966", Numbers.column("gradient", 4, -0.19661193, 0.19661193).getString(1));
        assertEquals(0.19661193, Numbers.column("gradient", 4, 0.19661193).get(0), "the column keeps the exact value");
        assertEquals("1.11e-10", Numbers.column("difference", 1.1102230246251565e-10).getString(0));
    }
}
