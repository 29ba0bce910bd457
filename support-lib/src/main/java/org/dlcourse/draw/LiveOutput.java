package org.dlcourse.draw;

import java.util.function.Supplier;

/**
 * One output area, redrawn in place while a cell runs: the one way the library shows something
 * that changes (the {@link org.dlcourse.TrainingChart}, the {@link org.dlcourse.GanMonitor}), instead
 * of a new image per epoch. A picture costs tens of milliseconds to draw, so {@link #redrawSometimes}
 * draws at most every two seconds and spends at most a tenth of the time drawing; {@link #redraw} draws
 * now (the first and the last picture of a run). Outside a notebook it only keeps the picture.
 * <p>Used under the {@link org.dlcourse.TrainingChart} and the {@link org.dlcourse.GanMonitor} (06 §5).
 */
public final class LiveOutput {

    static final long EVERY_MILLIS = 2000;
    static final int DRAW_SHARE = 10;

    private final Supplier<?> picture;
    private String displayId;
    private boolean shown;
    private Object last;
    private long lastDrawMillis;
    private long drawMillis;

    /** An output area showing what {@code picture} returns (an XChart chart or an image) at each redraw. */
    public LiveOutput(Supplier<?> picture) {
        this.picture = picture;
    }

    /** Draws now: in a new output area the first time, in place of the previous picture afterwards. */
    public void redraw() {
        lastDrawMillis = System.currentTimeMillis();
        last = picture.get();
        if (!shown) {
            displayId = Notebook.show(last);
            shown = true;
        } else {
            Notebook.update(displayId, last);
        }
        drawMillis = System.currentTimeMillis() - lastDrawMillis;
    }

    /** Redraws if the last drawing is old enough; call it as often as you like (every batch). */
    public void redrawSometimes() {
        if (!shown || System.currentTimeMillis() - lastDrawMillis >= Math.max(EVERY_MILLIS, DRAW_SHARE * drawMillis)) {
            redraw();
        }
    }

    /** What the output area shows now (null before the first drawing). */
    public Object picture() {
        return last;
    }
}
