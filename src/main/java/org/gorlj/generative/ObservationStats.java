package org.gorlj.generative;

/**
 * A decoder's own observation statistics, frozen from its data set at fit time: the decoder reads
 * {@code clip((s - mean) / sqrt(var + 1e-8), -10, 10)} of the raw observation s, the same form as the
 * encoder's running normaliser (default {@code obs_clip}) but with statistics that never move after
 * the fit.
 *
 * @param mean per-dimension mean of the data set's raw observations
 * @param std per-dimension {@code sqrt(var + 1e-8)} (population variance)
 */
public record ObservationStats(float[] mean, float[] std) {
    /** Clip of normalised observations. */
    public static final double CLIP = 10;

    /** The statistics of the first {@code rows} raw observations of {@code dim} values in {@code obs}. */
    public static ObservationStats of(float[] obs, int rows, int dim) {
        double[] sum = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                sum[j] += obs[r * dim + j];
            }
        }
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int j = 0; j < dim; j++) {
            double m = sum[j] / rows;
            double v = 0;
            for (int r = 0; r < rows; r++) {
                double d = obs[r * dim + j] - m;
                v += d * d;
            }
            mean[j] = (float) m;
            std[j] = (float) Math.sqrt(v / rows + 1e-8);
        }
        return new ObservationStats(mean, std);
    }

    /** Observation size. */
    public int dim() {
        return mean.length;
    }

    /** Normalises {@code rows} raw observations into {@code out}. */
    public void normalize(float[] raw, int rows, float[] out) {
        int dim = mean.length;
        for (int i = 0; i < rows * dim; i++) {
            int j = i % dim;
            out[i] = (float) Math.clamp((raw[i] - mean[j]) / (double) std[j], -CLIP, CLIP);
        }
    }
}
