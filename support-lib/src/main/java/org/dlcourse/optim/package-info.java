/**
 * Optimizers written out for teaching, each update rule on one screen: read
 * {@link org.dlcourse.optim.HandWrittenOptimizer} first (how a DJL optimizer keeps per-parameter
 * state), then {@link org.dlcourse.optim.PlainAdadelta} and {@link org.dlcourse.optim.Adamax},
 * compared with DJL's own in notebook 04 §6.
 */
package org.dlcourse.optim;
