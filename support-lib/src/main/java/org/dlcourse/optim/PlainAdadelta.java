package org.dlcourse.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adadelta (Zeiler, 2012), written with plain NDArray operations so that it runs on PyTorch too:
 * DJL's own {@code Adadelta} calls an MXNet kernel and throws "not supported" on the PyTorch
 * engine. Adadelta needs no hand-tuned step size: each weight's step is the ratio of two running
 * averages, of past squared steps and of squared gradients.
 * <pre>
 * G = ρ·G + (1 − ρ)·g²
 * Δ = sqrt(D + ε) / sqrt(G + ε) · g
 * D = ρ·D + (1 − ρ)·Δ²
 * w = w − lr·Δ
 * </pre>
 * Defaults are PyTorch's (lr 1, ρ 0.9, ε 1e-6); with lr 1 and the same ρ and ε it computes
 * exactly what DJL's Adadelta computes on MXNet. (Keras's default lr is 0.001, a thousand times
 * slower: a classic surprise when comparing optimizers.)
 * <p>Used in 04 §6.
 */
public final class PlainAdadelta extends HandWrittenOptimizer {

    private final float learningRate;
    private final float rho;
    private final float epsilon;

    private PlainAdadelta(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.rho = builder.rho;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int stateCount() {
        return 2; // G (squared gradients), D (squared steps)
    }

    @Override
    protected NDArray step(String parameterId, int t, NDArray g, NDArray[] state) {
        NDArray squaredGradients = state[0];
        NDArray squaredSteps = state[1];
        try (NDArray g2 = g.square().muli(1 - rho)) {
            squaredGradients.muli(rho).addi(g2);
        }
        NDArray delta;
        try (NDArray numerator = squaredSteps.add(epsilon).powi(0.5f);
             NDArray denominator = squaredGradients.add(epsilon).powi(0.5f)) {
            delta = numerator.div(denominator).muli(g);
        }
        try (NDArray d2 = delta.square().muli(1 - rho)) {
            squaredSteps.muli(rho).addi(d2);
        }
        return delta.muli(learningRate);
    }

    /** The options of {@link PlainAdadelta}, with PyTorch's defaults. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private float learningRate = 1f;
        private float rho = 0.9f;
        private float epsilon = 1e-6f;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** A factor on every step (1, as in the paper and PyTorch; Keras uses 0.001). */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Decay of both running averages (0.9). */
        public Builder optRho(float rho) {
            this.rho = rho;
            return this;
        }

        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public PlainAdadelta build() {
            if (!(rho >= 0 && rho < 1)) {
                throw new IllegalArgumentException("rho must be in [0, 1), not " + rho);
            }
            return new PlainAdadelta(this);
        }
    }
}
