package org.dlcourse.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

/**
 * Adamax (Kingma and Ba, "Adam", 2015, section 7.1), one of the optimizers the course's CIFAR
 * exercise asks to try; DJL has none. Adam divides by a running average of g²; Adamax divides by
 * a running maximum of |g| instead:
 * <pre>
 * m = β1·m + (1 − β1)·g
 * u = max(β2·u, |g|)
 * w = w − (lr / (1 − β1^t)) · m / (u + ε)
 * </pre>
 * Defaults are Keras's (lr 0.001, β1 0.9, β2 0.999, ε 1e-7), as in the course's TensorFlow code.
 * Build it like DJL's optimizers: {@code Adamax.builder().optLearningRateTracker(Tracker.fixed(0.002f)).build()}.
 * <p>Used in 04 §6.
 */
public final class Adamax extends HandWrittenOptimizer {

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    private Adamax(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int stateCount() {
        return 2; // m, u
    }

    @Override
    protected NDArray step(String parameterId, int t, NDArray g, NDArray[] state) {
        NDArray m = state[0];
        NDArray u = state[1];
        try (NDArray share = g.mul(1 - beta1)) {
            m.muli(beta1).addi(share);
        }
        u.muli(beta2);
        try (NDArray size = g.abs(); NDArray above = size.sub(u); NDArray rise = above.maximum(0f)) {
            u.addi(rise); // u + max(|g| − u, 0) = max(u, |g|)
        }
        float rate = (float) (learningRate.getNewValue(parameterId, t) / (1 - Math.pow(beta1, t)));
        try (NDArray denominator = u.add(epsilon)) {
            return m.div(denominator).muli(rate);
        }
    }

    /** The options of {@link Adamax}, with Keras's defaults. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRate = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-7f;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRateTracker(ParameterTracker learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Decay of the running mean of the gradient (0.9). */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /** Decay of the running maximum of |gradient| (0.999). */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /** Keeps the division finite where a gradient has always been 0 (1e-7). */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Adamax build() {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), not " + beta1 + " and " + beta2);
            }
            return new Adamax(this);
        }
    }
}
