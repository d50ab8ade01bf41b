package org.gorlj.algo.flowpolicy;

import org.gorlj.algo.ppo.JavaPolicyTerms;
import org.gorlj.nn.JavaMlp;

/**
 * What the plain-Java policy terms of FPO and DPPO share: the flow policy's velocity, its
 * {@link org.gorlj.generative.FlowNetwork} as a {@link JavaMlp} (same parameter layout) times the
 * output scale, and its backward pass. A flow policy has no entropy and no extra loss.
 *
 * @param <B> the learner's data of one minibatch
 */
abstract class JavaFlowTerms<B> implements JavaPolicyTerms<B> {
    protected final int xDim;
    private final JavaMlp net;
    private final float outputScale;
    private float[] velocity = new float[0];
    /** The loss's gradient with respect to each velocity of the last forward pass. */
    private double[] dVelocity = new double[0];

    private float[] dOutput = new float[0];

    JavaFlowTerms(FlowPolicy policy, FlowPolicyConfig fcfg) {
        this.xDim = policy.xDim();
        this.net = new JavaMlp(policy.inputSize(), fcfg.hidden(), xDim, fcfg.activation());
        this.outputScale = (float) policy.outputScale();
    }

    @Override
    public int parameterCount() {
        return net.parameterCount();
    }

    /**
     * The velocities of {@code rows} network input rows ({@code rows * xDim}; a buffer, overwritten
     * by the next call), keeping what {@link #backward} needs.
     */
    protected float[] velocity(float[] params, float[] inputs, int rows) {
        float[] out = net.forward(params, 0, inputs, rows);
        if (velocity.length != out.length) {
            velocity = new float[out.length];
            dVelocity = new double[out.length];
            dOutput = new float[out.length];
        }
        for (int i = 0; i < out.length; i++) {
            velocity[i] = out[i] * outputScale;
        }
        return velocity;
    }

    /**
     * Writes the loss's gradient with respect to each velocity of the last forward pass into
     * {@code dVelocity} (laid out as the velocities), given its gradient with respect to the log-ratios.
     */
    protected abstract void velocityGradient(double[] dLogRatio, double[] dVelocity);

    @Override
    public final double backward(float[] params, double[] dLogRatio, float[] grads) {
        velocityGradient(dLogRatio, dVelocity);
        for (int i = 0; i < dOutput.length; i++) {
            dOutput[i] = (float) (dVelocity[i] * outputScale);
        }
        net.backward(params, 0, dOutput, grads, 0);
        return 0;
    }

    @Override
    public boolean hasEntropy() {
        return false;
    }

    @Override
    public float entropy() {
        return 0f;
    }

    @Override
    public boolean hasExtra() {
        return false;
    }

    /** The tensor step's text: the largest |log-ratio| and the {@link #extremeLoss()} of the last forward pass. */
    @Override
    public final String diagnostic(double[] logRatio) {
        double maxAbs = 0;
        for (double r : logRatio) {
            maxAbs = Math.max(maxAbs, Math.abs(r));
        }
        return String.format("max |log-ratio| %.3g, ", maxAbs) + extremeLoss();
    }

    /** The policy's worst per-element loss of the last forward pass, described, for {@link #diagnostic}. */
    protected abstract String extremeLoss();
}
