/**
 * What the notebooks call: the course kit's library, in the order a student meets it.
 * <ol>
 *   <li>{@link org.dlcourse.Course} (first cell: engine, device, seed) and its {@link org.dlcourse.Profile};
 *   <li>{@link org.dlcourse.Plots} and {@link org.dlcourse.Tables}: charts and tables;
 *   <li>{@link org.dlcourse.Check} and {@link org.dlcourse.Numbers}: check cells and rounding;
 *   <li>{@link org.dlcourse.Training}: configurations on the course's device, {@code fit}, the
 *       {@link org.dlcourse.LossHistory} and its live {@link org.dlcourse.TrainingChart};
 *   <li>{@link org.dlcourse.SeededInitializer} and {@link org.dlcourse.DecisionBoundary} (03);
 *   <li>{@link org.dlcourse.Datasets}, {@link org.dlcourse.ImageSet}, {@link org.dlcourse.ImageGrid},
 *       {@link org.dlcourse.ModelSummary}, {@link org.dlcourse.ConfusionMatrix} (04);
 *   <li>{@link org.dlcourse.TimeSeries} (05);
 *   <li>{@link org.dlcourse.GanMonitor}, {@link org.dlcourse.ClassifierVerdict},
 *       {@link org.dlcourse.ImagesByClass}, {@link org.dlcourse.PixelDistance} (06).
 * </ol>
 * Below it: {@code org.dlcourse.optim} (optimizers written out), {@code org.dlcourse.draw}
 * (how pictures are painted and shown, live ones too, and the library's words in both languages),
 * {@code org.dlcourse.run} (switches, interrupts, a batch of the wrong shape), {@code org.dlcourse.data}
 * (file formats), {@code org.dlcourse.kernel} (hooks the kernel's start-up installs: cells run out of
 * order, arrays too big for memory) and {@code org.dlcourse.setup} (what {@code ./course} runs); nothing
 * here imports the last two.
 */
package org.dlcourse;
