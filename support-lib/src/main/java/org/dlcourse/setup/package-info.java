/**
 * The set-up tools {@code ./course} and the Docker build run, never a notebook:
 * {@link org.dlcourse.setup.Setup} ({@code ./course setup}: each engine's native libraries),
 * {@link org.dlcourse.setup.Prepare} ({@code ./course data}: the image sets, verified), and
 * {@link org.dlcourse.setup.CifarWriter} (the CIFAR-10 format written, for the stand-in).
 * No class of {@code org.dlcourse} imports this package.
 */
package org.dlcourse.setup;
