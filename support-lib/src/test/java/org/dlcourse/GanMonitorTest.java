package org.dlcourse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dlcourse.draw.Curves;
import org.dlcourse.draw.Notebook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanMonitorTest {

    @AfterEach
    void disconnect() {
        Notebook.disconnect();
    }

    @Test
    void lossesAndSamplesShareOneOutputAreaRedrawnInPlace() {
        List<String> calls = new ArrayList<>();
        Notebook.connect(o -> {
            calls.add("show");
            return "gan";
        }, (id, o) -> calls.add("update " + id));
        try (NDManager manager = NDManager.newBaseManager()) {
            GanMonitor monitor = new GanMonitor("GAN", 2);
            monitor.begin(manager.zeros(new Shape(64, 1, 28, 28)));
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int step = 0; step < 3; step++) {
                    monitor.step(1.0, 2.0);
                }
                monitor.epoch(manager.randomUniform(-1, 1, new Shape(64, 1, 28, 28)));
            }
            assertEquals("show", calls.get(0));
            assertTrue(calls.subList(1, calls.size()).stream().allMatch("update gan"::equals), calls.toString());
            assertTrue(calls.size() >= 3, "at least one redraw per epoch: " + calls);
            assertNotNull(monitor.picture());
            assertTrue(monitor.picture().getWidth() > monitor.chart().getWidth(), "the chart and the grid side by side");
        }
    }

    @Test
    void epochMeansAreTheMeansOfTheirOwnSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GanMonitor monitor = new GanMonitor("GAN", 2);
            monitor.begin(manager.zeros(new Shape(4, 1, 28, 28)));
            monitor.step(1.0, 4.0);
            monitor.step(3.0, 2.0);
            monitor.epoch(manager.zeros(new Shape(4, 1, 28, 28)));
            monitor.step(0.5, 1.0);
            monitor.epoch(manager.zeros(new Shape(4, 1, 28, 28)));
            assertEquals(List.of(2.0, 0.5), monitor.discriminatorEpochLosses());
            assertEquals(List.of(3.0, 1.0), monitor.generatorEpochLosses());
            assertEquals(3, monitor.generatorLosses().size());
        }
    }

    @Test
    void longRunsAreAveragedIntoAFewHundredPoints() {
        assertEquals(1, Curves.blockSize(Curves.MAX_POINTS));
        assertEquals(3, Curves.blockSize(3 * Curves.MAX_POINTS));
        assertEquals(List.of(2.0, 5.0), Curves.blockMeans(List.of(1.0, 3.0, 5.0), 2));
        GanMonitor monitor = new GanMonitor("GAN", 1);
        for (int i = 0; i < 10 * Curves.MAX_POINTS; i++) {
            monitor.step(1.0, 1.0);
        }
        XYChart chart = monitor.chart();
        assertTrue(chart.getSeriesMap().get("discriminator loss (mean of 10 steps)").getXData().length
                <= Curves.MAX_POINTS, chart.getSeriesMap().keySet().toString());
    }

    @Test
    void aRunNeedsAtLeastOneEpoch() {
        assertThrows(IllegalArgumentException.class, () -> new GanMonitor("GAN", 0));
    }
}
