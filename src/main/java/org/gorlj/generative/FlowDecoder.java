package org.gorlj.generative;

import org.gorlj.nn.Activation;
import org.gorlj.util.Rng;

/**
 * Flow-matching decoder (GoRL-FM). Linear path {@code a_tau = (1 - tau) eps + tau a},
 * tau ~ U(0, 1); the network v(s, a_tau, tau) regresses the velocity {@code a - eps}. Decoding
 * integrates from eps at tau = 0 to tau = 1 with K Euler steps {@code x += v(s, x, k/K) / K}.
 * The zero output layer of a fresh network makes v = 0, hence g(s, eps) = eps exactly.
 */
public final class FlowDecoder extends Decoder {
    FlowDecoder(int obsDim, int actDim, int[] hidden, Activation activation, int steps, Rng rng) {
        super(obsDim, actDim, hidden, activation, steps, rng);
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
                double tau = rng.nextDouble();
                for (int i = 0; i < ad; i++) {
                    double eps = noise == null ? rng.nextGaussian() : noise[d * ad + i];
                    double a = actions[d * ad + i];
                    x[i] = (float) ((1 - tau) * eps + tau * a);
                    targets[row * ad + i] = (float) (a - eps);
                }
                net.writeInput(obs, d, x, 0, tau, inputs, row);
            }
        }
    }

    @Override
    protected Sampler networkSampler() {
        FlowNetwork.Snapshot v = net.snapshot();
        int ad = actDim();
        int k = steps;
        return (obs, eps, rows, out) -> {
            float[] input = new float[rows * v.inputSize()];
            float[] velocity = new float[rows * ad];
            System.arraycopy(eps, 0, out, 0, rows * ad);
            for (int step = 0; step < k; step++) {
                v.evaluate(obs, out, (double) step / k, rows, input, velocity);
                for (int i = 0; i < rows * ad; i++) {
                    out[i] += velocity[i] / k;
                }
            }
        };
    }
}
