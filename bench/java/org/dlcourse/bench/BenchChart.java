package org.dlcourse.bench;

import org.dlcourse.Plots;
import org.dlcourse.draw.Notebook;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws docs/benchmarks.png for bench/bench.py: the CNN's training throughput, one group of bars
 * per batch size, one bar per contender, rendered by the kit's own {@link Notebook#png} (XChart).
 *
 * <p>Usage: {@code BenchChart CHART.tsv OUT.png TITLE}, the TSV's lines being {@code batch \t contender \t images/s}.
 */
public final class BenchChart {

    private BenchChart() {}

    public static void main(String[] args) throws Exception {
        List<String> batches = new ArrayList<>();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] cell = line.split("\t");
            if (cell.length < 3) {
                continue;
            }
            String batch = "batch " + cell[0];
            if (!batches.contains(batch)) {
                batches.add(batch);
            }
            series.computeIfAbsent(cell[1], k -> new LinkedHashMap<>()).put(batch, Double.parseDouble(cell[2]));
        }
        CategoryChart chart = Plots.bars(args.length > 2 ? args[2] : "Training throughput", "", "images per second", 1000, 520);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setDecimalPattern("#");
        for (Map.Entry<String, Map<String, Double>> s : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String batch : batches) {
                values.add(s.getValue().getOrDefault(batch, 0.0));
            }
            chart.addSeries(s.getKey(), batches, values);
        }
        Files.write(Path.of(args[1]), Notebook.png(chart));
    }
}
