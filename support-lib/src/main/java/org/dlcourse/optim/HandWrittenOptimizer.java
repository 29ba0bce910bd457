package org.dlcourse.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optimizer whose update rule is written with ordinary NDArray operations, so that it runs on
 * every engine. DJL's own optimizers call one fused kernel per rule, and the PyTorch engine has
 * kernels only for SGD and Adam: DJL's {@code Adadelta}, {@code Adagrad}, {@code RmsProp} and
 * {@code Nag} fail there, and DJL has no Adamax at all.
 *
 * <p>A subclass writes one method, {@link #step}: from the gradient and the rule's state (its
 * running averages), the amount to subtract from the weight. This class does the plumbing: the
 * options every DJL optimizer takes (gradient rescaling and clipping, weight decay), the state
 * kept per parameter, freeing temporary arrays, and resetting the gradient (PyTorch adds each new
 * gradient to the old one; its fused kernels reset it, so a hand-written rule must too).
 * <p>Used in 04 §6, through {@link Adamax} and {@link PlainAdadelta}.
 */
public abstract class HandWrittenOptimizer extends Optimizer {

    private final Map<String, NDArray[]> states = new ConcurrentHashMap<>();

    protected HandWrittenOptimizer(OptimizerBuilder<?> builder) {
        super(builder);
    }

    /** How many running arrays the rule keeps per parameter (each starts at zero, shaped like the weight). */
    protected abstract int stateCount();

    /**
     * One step of the rule: updates {@code state} in place and returns the change to subtract from
     * the weight, as a new array (the caller closes it). Close every other array it creates.
     *
     * @param parameterId the parameter, for a learning-rate tracker
     * @param t the update number, from 1 (for bias corrections)
     * @param grad the gradient, already rescaled, clipped and with weight decay added
     * @param state the rule's running arrays for this parameter
     */
    protected abstract NDArray step(String parameterId, int t, NDArray grad, NDArray[] state);

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        NDArray[] state = states.computeIfAbsent(parameterId + "@" + weight.getDevice(), k -> zeroState(weight));
        try (NDArray g = effectiveGradient(weight, grad); NDArray change = step(parameterId, t, g, state)) {
            weight.subi(change);
        }
        if (weight.hasGradient()) {
            try (NDArray accumulated = weight.getGradient()) {
                accumulated.subi(accumulated);
            }
        }
    }

    /**
     * Zeros shaped like the weight, detached from its manager: MXNet hands the weight over in a
     * manager it closes right after the update, and the state must outlive it.
     */
    private NDArray[] zeroState(NDArray weight) {
        NDArray[] state = new NDArray[stateCount()];
        for (int i = 0; i < state.length; i++) {
            state[i] = weight.zerosLike();
            state[i].detach();
        }
        return state;
    }

    /** rescale · grad, clipped to ±clipGrad if set, plus weightDecay · weight (L2 regularisation). */
    private NDArray effectiveGradient(NDArray weight, NDArray grad) {
        NDArray g = grad.mul(rescaleGrad);
        if (clipGrad > 0) {
            NDArray clipped = g.clip(-clipGrad, clipGrad);
            g.close();
            g = clipped;
        }
        float weightDecay = getWeightDecay();
        if (weightDecay != 0) {
            try (NDArray decay = weight.mul(weightDecay)) {
                g.addi(decay);
            }
        }
        return g;
    }
}
