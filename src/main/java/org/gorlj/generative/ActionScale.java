package org.gorlj.generative;

/**
 * A decoder's own action scale, frozen from its data set at fit time: the decoder is fitted on the
 * standardised targets {@code (a - mean) / std} and decodes {@code mean + std * x} of what its
 * network integrates to, so the network regresses velocities of order one whatever the size of the
 * pre-squash actions (the {@code decoder_action_scale=standard} knob).
 *
 * @param mean per-dimension mean of the data set's pre-squash actions
 * @param std per-dimension {@code sqrt(var + 1e-8)} (population variance)
 */
public record ActionScale(float[] mean, float[] std) {
    /** The scale of the first {@code rows} actions of {@code dim} values in {@code actions}. */
    public static ActionScale of(float[] actions, int rows, int dim) {
        ObservationStats s = ObservationStats.of(actions, rows, dim);
        return new ActionScale(s.mean(), s.std());
    }

    /** Action size. */
    public int dim() {
        return mean.length;
    }

    /** The first {@code rows} actions of {@code actions}, standardised, in a new array. */
    public float[] standardise(float[] actions, int rows) {
        int dim = mean.length;
        float[] out = new float[rows * dim];
        for (int i = 0; i < out.length; i++) {
            int j = i % dim;
            out[i] = (actions[i] - mean[j]) / std[j];
        }
        return out;
    }

    /** Maps {@code rows} standardised actions back to action units, in place: {@code x * std + mean} in float. */
    public void restore(float[] x, int rows) {
        int dim = mean.length;
        for (int i = 0; i < rows * dim; i++) {
            int j = i % dim;
            x[i] = x[i] * std[j] + mean[j];
        }
    }
}
