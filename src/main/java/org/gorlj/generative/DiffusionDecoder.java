package org.gorlj.generative;

import org.gorlj.nn.Activation;
import org.gorlj.util.Rng;

/**
 * Diffusion decoder (GoRL-Diff): DDPM with epsilon prediction, T training steps, sampled by DDIM
 * with eta = 0 over the same T steps (deterministic given eps, which plays x_T).
 *
 * <p>Noise schedule: the variance-preserving schedule used by diffusion policies with few steps
 * (Diffusion-QL), {@code alpha_t = exp(-b_min / T - (b_max - b_min)(2t - 1) / (2 T^2))}, b_min = 0.1,
 * b_max = 10, so that abar_T = exp(-5.05) ~ 0.006 for any T.
 *
 * <p>Identity at creation: the noise prediction is {@code eps_hat(x_t, t, s) = c_t x_t + f(s, x_t, t)}
 * with a fixed skip coefficient {@code c_t = (1 - A_t) / B_t}, where one DDIM step reads
 * {@code x_{t-1} = (A_t + B_t c_t) x_t + B'_t f} with {@code A_t = sqrt(abar_{t-1} / abar_t)} and
 * {@code B_t = sqrt(1 - abar_{t-1}) - A_t sqrt(1 - abar_t)}. With f = 0 (the network's zero output
 * layer) every step maps x_t to itself, so g(s, eps) = eps up to float rounding. Training regresses
 * f on {@code n - c_t x_t}, which is exactly the DDPM loss {@code ||eps_hat - n||^2} for this
 * parametrisation; the skip is a fixed preconditioning, not a learned part.
 */
public final class DiffusionDecoder extends Decoder {
    private static final double BETA_MIN = 0.1;
    private static final double BETA_MAX = 10.0;

    /** abar_t for t = 0..T (abar_0 = 1). */
    private final double[] alphaBar;
    /** Skip coefficient c_t for t = 1..T (index 0 unused). */
    private final double[] skip;

    DiffusionDecoder(int obsDim, int actDim, int[] hidden, Activation activation, int steps, Rng rng) {
        super(obsDim, actDim, hidden, activation, steps, rng);
        alphaBar = new double[steps + 1];
        skip = new double[steps + 1];
        alphaBar[0] = 1;
        double t2 = (double) steps * steps;
        for (int t = 1; t <= steps; t++) {
            double alpha = StrictMath.exp(-BETA_MIN / steps - 0.5 * (BETA_MAX - BETA_MIN) * (2.0 * t - 1) / t2);
            alphaBar[t] = alphaBar[t - 1] * alpha;
            double a = StrictMath.sqrt(alphaBar[t - 1] / alphaBar[t]);
            double b = StrictMath.sqrt(1 - alphaBar[t - 1]) - a * StrictMath.sqrt(1 - alphaBar[t]);
            skip[t] = (1 - a) / b;
        }
    }

    @Override
    public void examples(
            float[] obs,
            float[] actions,
            int[] indices,
            int from,
            int count,
            int samples,
            float[] noise,
            Rng rng,
            float[] inputs,
            float[] targets) {
        int ad = actDim();
        float[] x = new float[ad];
        for (int j = 0; j < count; j++) {
            int d = indices[from + j];
            for (int k = 0; k < samples; k++) {
                int row = j * samples + k;
                int t = 1 + rng.nextInt(steps);
                double sa = StrictMath.sqrt(alphaBar[t]);
                double sn = StrictMath.sqrt(1 - alphaBar[t]);
                for (int i = 0; i < ad; i++) {
                    double n = noise == null ? rng.nextGaussian() : noise[d * ad + i];
                    double xt = sa * actions[d * ad + i] + sn * n;
                    x[i] = (float) xt;
                    targets[row * ad + i] = (float) (n - skip[t] * x[i]);
                }
                net.writeInput(obs, d, x, 0, (double) t / steps, inputs, row);
            }
        }
    }

    /** abar_t for t = 0..T (a copy; abar_0 = 1). */
    public double[] alphaBar() {
        return alphaBar.clone();
    }

    /** The skip coefficients c_t for t = 1..T (a copy; index 0 unused). */
    public double[] skip() {
        return skip.clone();
    }

    @Override
    protected Sampler networkSampler() {
        FlowNetwork.Snapshot f = net.snapshot();
        int ad = actDim();
        int tMax = steps;
        double[] ab = alphaBar.clone();
        double[] c = skip.clone();
        return (obs, eps, rows, out) -> {
            float[] input = new float[rows * f.inputSize()];
            float[] residual = new float[rows * ad];
            System.arraycopy(eps, 0, out, 0, rows * ad);
            for (int t = tMax; t >= 1; t--) {
                f.evaluate(obs, out, (double) t / tMax, rows, input, residual);
                double sa = StrictMath.sqrt(ab[t]);
                double sn = StrictMath.sqrt(1 - ab[t]);
                double saPrev = StrictMath.sqrt(ab[t - 1]);
                double snPrev = StrictMath.sqrt(1 - ab[t - 1]);
                for (int i = 0; i < rows * ad; i++) {
                    double noise = c[t] * out[i] + residual[i];
                    double x0 = (out[i] - sn * noise) / sa;
                    out[i] = (float) (saPrev * x0 + snPrev * noise);
                }
            }
        };
    }
}
