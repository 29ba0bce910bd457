package org.dlcourse.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dlcourse.draw.Notebook;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.util.Base64;

/**
 * How a JJava kernel shows the course's objects: XChart charts and images as PNG, Tablesaw tables as HTML
 * (no JavaScript), and the live outputs that redraw in place ({@link Notebook}).
 * <p>A JJava extension: JJava installs it when the jar joins a kernel, through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, so any JJava kernel shows charts after
 * {@code %jars course-support.jar}; the kit's own kernel loads the jar at start and gets it the same way.
 */
public final class CourseDisplays implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        var renderer = kernel.getRenderer();
        renderer.createRegistration(Chart.class).preferring(MIMEType.IMAGE_PNG)
                .register((chart, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(Notebook.png(chart))));
        renderer.createRegistration(RenderedImage.class).preferring(MIMEType.IMAGE_PNG)
                .register((image, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(Notebook.png(image))));
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML)
                .register((table, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Notebook.html(table)));
        // The notebook's own display() and updateDisplay(): the same in every JJava 1.0 (DisplayData is not).
        Notebook.connect(BaseNotebookStatics::display, BaseNotebookStatics::updateDisplay);
    }

    private static String png(byte[] bytes) { return Base64.getEncoder().encodeToString(bytes); }
}
