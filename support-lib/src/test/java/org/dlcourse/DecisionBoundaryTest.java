package org.dlcourse;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionBoundaryTest {

    @Test
    void theGridCoversTheSquareAndHoldsTheModelsOutputAtEachPoint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // A "model" that answers x + 10 y: each grid value tells where it was computed.
            DecisionBoundary map = DecisionBoundary.of(manager, p -> p.get(":, 0").add(p.get(":, 1").mul(10)), -1, 1, 5);
            double[] axis = map.axis();
            assertEquals(5, axis.length);
            assertEquals(-1, axis[0], 1e-12);
            assertEquals(1, axis[4], 1e-12);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(axis[j] + 10 * axis[i], map.value(i, j), 1e-5, "row i is y, column j is x");
                }
            }
        }
    }

    @Test
    void aModelThatGivesTheWrongNumberOfOutputsIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.of(manager, p -> p, 0, 1, 3));
        }
    }

    @Test
    void theHeatMapIsBlueWhereTheModelSaysLowAndRedWhereItSaysHighWithThePointsOnTop() {
        XYChart chart = Plots.xy("boundary x = 0.5", "x", "y");
        Plots.points(chart, "a point", new double[] {0.25}, new double[] {0.5}).setMarkerColor(Color.BLACK);
        BufferedImage picture;
        try (NDManager manager = NDManager.newBaseManager()) {
            picture = DecisionBoundary.of(manager, p -> p.get(":, 0").gt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
                    0, 1, 21).draw(chart, 0, 1);
        }
        assertEquals(Plots.WIDTH, picture.getWidth());
        assertEquals(Plots.HEIGHT, picture.getHeight());
        Color left = new Color(picture.getRGB(screenX(chart, 0.1), screenY(chart, 0.8)));
        Color right = new Color(picture.getRGB(screenX(chart, 0.9), screenY(chart, 0.8)));
        assertTrue(left.getBlue() > left.getRed() + 50, "low values are blue: " + left);
        assertTrue(right.getRed() > right.getBlue() + 50, "high values are red: " + right);
        Color point = new Color(picture.getRGB(screenX(chart, 0.25), screenY(chart, 0.5)));
        assertTrue(point.getRed() < 60 && point.getGreen() < 60 && point.getBlue() < 60, "the point is drawn over the heat: " + point);
    }

    @Test
    void aSquareChartKeepsTheCourseStyle() {
        XYChart chart = Plots.xy("square", "x", "y", 500, 500);
        assertEquals(500, chart.getWidth());
        assertEquals(500, chart.getHeight());
        assertEquals(Color.WHITE, chart.getStyler().getChartBackgroundColor());
    }

    private static int screenX(XYChart chart, double x) {
        return (int) Math.round(chart.getScreenXFromChart(x));
    }

    private static int screenY(XYChart chart, double y) {
        return (int) Math.round(chart.getScreenYFromChart(y));
    }
}
