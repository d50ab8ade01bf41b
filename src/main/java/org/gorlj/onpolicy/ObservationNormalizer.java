package org.gorlj.onpolicy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.nn.RunningMeanStd;

/**
 * Observation normalisation with running statistics (or a plain float copy when disabled).
 * The statistics belong to the model: they are saved in checkpoints and frozen at evaluation.
 */
public final class ObservationNormalizer {
    /** Its knobs. */
    public static final List<Knob> KNOBS = List.of(
            Knob.bool("norm_obs", true, "normalise observations with running mean and std"),
            Knob.real("obs_clip", 10.0, 0, 1e9, "clip of normalised observations"));

    private final boolean enabled;
    private final RunningMeanStd stats;

    /** From a config holding {@link #KNOBS}. */
    public ObservationNormalizer(Config c, int dim) {
        this(c.getBool("norm_obs"), dim, c.getDouble("obs_clip"));
    }

    /** Enabled or not, with the given clip. */
    public ObservationNormalizer(boolean enabled, int dim, double clip) {
        this.enabled = enabled;
        this.stats = new RunningMeanStd(dim, 1e-8, clip);
    }

    /** Observation size. */
    public int dim() {
        return stats.dim();
    }

    /** Whether observations are normalised (otherwise they pass as they are). */
    public boolean enabled() {
        return enabled;
    }

    /** A copy of the running statistics. */
    public RunningMeanStd statistics() {
        RunningMeanStd c = new RunningMeanStd(stats.dim(), stats.epsilon(), stats.clip());
        c.copyFrom(stats);
        return c;
    }

    /** Merges {@code rows} observations into the statistics (no-op when disabled). */
    public void update(double[] obs, int rows) {
        if (enabled) {
            stats.update(obs, rows);
        }
    }

    /** Normalises {@code rows} observations into {@code out}. */
    public void normalize(double[] obs, int rows, float[] out) {
        if (enabled) {
            stats.normalize(obs, rows, out);
        } else {
            int n = rows * stats.dim();
            for (int i = 0; i < n; i++) {
                out[i] = (float) obs[i];
            }
        }
    }

    /** An independent copy (frozen statistics for an evaluation policy). */
    public ObservationNormalizer copy() {
        ObservationNormalizer c = new ObservationNormalizer(enabled, stats.dim(), stats.clip());
        c.stats.copyFrom(stats);
        return c;
    }

    /** Writes the statistics. */
    public void write(DataOutput out) throws IOException {
        stats.write(out);
    }

    /** Restores the statistics. */
    public void read(DataInput in) throws IOException {
        stats.read(in);
    }
}
