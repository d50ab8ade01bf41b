package org.gorlj.nn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance of vectors, merged batch by batch with the parallel-variance formula
 * (Chan et al.), as Gymnasium's and Brax's normalisers do. It normalises observations
 * ({@code (x - mean) / sqrt(var + eps)}, clipped) and is saved with the model.
 */
public final class RunningMeanStd {
    private final double[] mean;
    private final double[] var;
    private double count;
    private final double epsilon;
    private final double clip;

    /**
     * @param dim vector size
     * @param epsilon added to the variance before the square root
     * @param clip normalised values are clipped to [-clip, clip] (infinite for none)
     */
    public RunningMeanStd(int dim, double epsilon, double clip) {
        this.mean = new double[dim];
        this.var = new double[dim];
        java.util.Arrays.fill(var, 1.0);
        this.count = 1e-4;
        this.epsilon = epsilon;
        this.clip = clip;
    }

    /** Vector size. */
    public int dim() {
        return mean.length;
    }

    /** Merges {@code rows} vectors stored row-major in {@code x}. */
    public void update(double[] x, int rows) {
        int d = mean.length;
        if (rows == 0) {
            return;
        }
        double[] bMean = new double[d];
        double[] bVar = new double[d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                bMean[j] += x[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            bMean[j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double dev = x[r * d + j] - bMean[j];
                bVar[j] += dev * dev;
            }
        }
        double total = count + rows;
        for (int j = 0; j < d; j++) {
            bVar[j] /= rows;
            double delta = bMean[j] - mean[j];
            double m2 = var[j] * count + bVar[j] * rows + delta * delta * count * rows / total;
            mean[j] += delta * rows / total;
            var[j] = m2 / total;
        }
        count = total;
    }

    /** Normalises {@code rows} vectors of {@code x} into {@code out} (float, ready for a network). */
    public void normalize(double[] x, int rows, float[] out) {
        int d = mean.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double z = (x[r * d + j] - mean[j]) / Math.sqrt(var[j] + epsilon);
                out[r * d + j] = (float) Math.clamp(z, -clip, clip);
            }
        }
    }

    /** Current mean (copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Current variance (copy). */
    public double[] variance() {
        return var.clone();
    }

    /** Number of vectors merged (plus the initial 1e-4 pseudo-count). */
    public double count() {
        return count;
    }

    /** The epsilon added to the variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    /** The clip of normalised values. */
    public double clip() {
        return clip;
    }

    /** Copies the statistics of another normaliser of the same size. */
    public void copyFrom(RunningMeanStd other) {
        System.arraycopy(other.mean, 0, mean, 0, mean.length);
        System.arraycopy(other.var, 0, var, 0, var.length);
        count = other.count;
    }

    /** Writes the statistics. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(mean.length);
        out.writeDouble(count);
        for (int j = 0; j < mean.length; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(var[j]);
        }
    }

    /** Restores statistics written by {@link #write}. */
    public void read(DataInput in) throws IOException {
        int d = in.readInt();
        if (d != mean.length) {
            throw new IOException("normaliser has size " + d + ", expected " + mean.length);
        }
        count = in.readDouble();
        for (int j = 0; j < d; j++) {
            mean[j] = in.readDouble();
            var[j] = in.readDouble();
        }
    }
}
