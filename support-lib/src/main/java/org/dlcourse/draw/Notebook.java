package org.dlcourse.draw;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * The bridge to the notebook's output area. The kernel's start-up script connects JJava's
 * {@code display} and {@code updateDisplay} here, so the library can show a chart and then
 * redraw it in place, without depending on the kernel at compile time. Outside a notebook
 * (unit tests, plain Java) nothing is connected and showing is a no-op that returns null.
 * It also encodes what the kernel shows: charts and images as PNG, tables as HTML.
 * <p>Used by the kernel's start-up script ({@code environment/startup.jshell}), and by {@link LiveOutput}.
 */
public final class Notebook {

    /** Rows shown at the top and at the bottom of a long table. */
    static final int HEAD = 10;
    static final int TAIL = 5;

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

    /** The chart as PNG bytes: what the kernel sends to the notebook. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** An image (an image grid, a sample) as PNG bytes. */
    public static byte[] png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
        return out.toByteArray();
    }

    /** HTML for the notebook: the first and last rows of a long table, with its size. */
    public static String html(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"dataframe\"><thead><tr><th></th>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean cut = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (cut && r == HEAD) {
                html.append("<tr><td>…</td>").append("<td>…</td>".repeat(table.columnCount())).append("</tr>");
                r = rows - TAIL;
            }
            html.append("<tr><th>").append(r).append("</th>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(column.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table><p><small>")
                .append(table.name() == null || table.name().isBlank() ? "" : escape(table.name()) + " · ")
                .append(rows).append(" rows × ").append(table.columnCount()).append(" columns</small></p>");
        return html.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
