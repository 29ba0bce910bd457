package org.dlcourse;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the kit rounds numbers for reading, in one place: where a number is shown, never in the data (a
 * table column keeps its exact values). Used by {@link Check} and by the tables of 02 §4, §5 and §6, 03 §2
 * and §6, 04 §6 and §7, 05 §6.
 */
public final class Numbers {

    private Numbers() {}

    /** A table column of {@code values} shown with {@code decimals} decimals (e.g. 4: 0.1966); the values stay exact. */
    public static DoubleColumn column(String name, int decimals, double... values) {
        DoubleColumn column = DoubleColumn.create(name, values);
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        return column;
    }

    /** A table column whose values are shown as {@link #text} writes them: for very different sizes (1.2e-10, 0.004). */
    public static DoubleColumn column(String name, double... values) {
        DoubleColumn column = DoubleColumn.create(name, values);
        column.setPrintFormatter(new NumberColumnFormatter() {
            @Override
            public String format(double value) { return text(value); }
        });
        return column;
    }

    /**
     * A number for a sentence: whole numbers with thousands separators (122,570), others with up to 6
     * significant digits (0.853, 0.37375, 3.01234), very small or large ones in scientific notation (1e-5).
     */
    public static String text(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.format(Locale.ROOT, "%,d", (long) value);
        if (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e9) {
            return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", value).split("e");
        return parts[0].replaceAll("\\.?0+$", "") + "e" + Integer.parseInt(parts[1]);
    }
}
