package org.gorlj.onpolicy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.nn.RunningMeanStd;

/**
 * What the learner sees of the rewards: unchanged, multiplied by a constant (the paper: x10), or
 * divided by the running standard deviation of the discounted return and clipped (CleanRL's
 * NormalizeReward wrapper). Episode returns are always reported on the raw rewards.
 */
public final class RewardTransform {
    /** Its knobs. */
    public static final List<Knob> KNOBS = List.of(
            Knob.choice(
                    "reward_mode",
                    "normalize",
                    List.of("none", "scale", "normalize"),
                    "rewards as given, times reward_scale, or normalised by the running return std (CleanRL)"),
            Knob.real("reward_scale", 1.0, 0, 1e6, "reward multiplier for reward_mode=scale"),
            Knob.real("reward_clip", 10.0, 0, 1e9, "clip of normalised rewards"));

    private final String mode;
    private final double scale;
    private final double clip;
    private final double gamma;
    private final double[] discountedReturn;
    private final RunningMeanStd returnStats;

    /** From a config holding {@link #KNOBS}, for {@code envs} copies and discount {@code gamma}. */
    public RewardTransform(Config c, int envs, double gamma) {
        this.mode = c.getChoice("reward_mode");
        this.scale = c.getDouble("reward_scale");
        this.clip = c.getDouble("reward_clip");
        this.gamma = gamma;
        this.discountedReturn = new double[envs];
        this.returnStats = new RunningMeanStd(1, 1e-8, Double.POSITIVE_INFINITY);
    }

    /** Transforms one step's rewards of all copies into {@code out}; {@code done} flags end the running returns. */
    public void apply(double[] rewards, boolean[] terminated, boolean[] truncated, float[] out, int offset) {
        int n = rewards.length;
        switch (mode) {
            case "none" -> {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = (float) rewards[i];
                }
            }
            case "scale" -> {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = (float) (rewards[i] * scale);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    discountedReturn[i] = discountedReturn[i] * gamma + rewards[i];
                }
                returnStats.update(discountedReturn, n);
                double std = Math.sqrt(returnStats.variance()[0] + 1e-8);
                for (int i = 0; i < n; i++) {
                    out[offset + i] = (float) Math.clamp(rewards[i] / std, -clip, clip);
                    if (terminated[i] || truncated[i]) {
                        discountedReturn[i] = 0;
                    }
                }
            }
        }
    }

    /** Writes the running state. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(discountedReturn.length);
        for (double v : discountedReturn) {
            out.writeDouble(v);
        }
        returnStats.write(out);
    }

    /** Restores what {@link #write} wrote. */
    public void read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != discountedReturn.length) {
            throw new IOException("reward state for " + n + " environments, expected " + discountedReturn.length);
        }
        for (int i = 0; i < n; i++) {
            discountedReturn[i] = in.readDouble();
        }
        returnStats.read(in);
    }
}
