/**
 * How the kit's runs start and stop: plumbing under {@link org.dlcourse.Course}, {@link org.dlcourse.Training}
 * and the {@link org.dlcourse.GanMonitor}. Reading order: {@link org.dlcourse.run.Switches} (the switches
 * checked before an engine loads, a wrong one said in a {@link org.dlcourse.run.SwitchError}),
 * {@link org.dlcourse.run.Interrupts} (why an interrupted
 * loop must stop at a batch boundary, and how the kernel's interrupt asks it to),
 * {@link org.dlcourse.run.StopOnInterrupt} (the training listener that stops {@code Training.fit}),
 * {@link org.dlcourse.run.Interrupted} (the one line the cell then shows), and
 * {@link org.dlcourse.run.InputShapes} and {@link org.dlcourse.run.WrongShape} (a first batch the network was
 * not initialised for, in the course's words).
 */
package org.dlcourse.run;
