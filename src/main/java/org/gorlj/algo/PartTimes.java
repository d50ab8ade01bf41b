package org.gorlj.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.run.CheckpointData;

/**
 * Wall-clock seconds an algorithm has spent in each part of training (environment stepping,
 * policy inference, learning), accumulated across resumes through the checkpoint: what
 * {@link Algorithm#timing()} reports and {@code gorl perf} breaks down.
 */
public final class PartTimes {
    private double physics;
    private double inference;
    private double learning;

    /** No time spent yet. */
    public PartTimes() {}

    /** Adds time spent stepping environments. */
    public void addPhysics(double seconds) {
        physics += seconds;
    }

    /** Adds time spent computing actions (and values) for the environments. */
    public void addInference(double seconds) {
        inference += seconds;
    }

    /** Adds time spent learning. */
    public void addLearning(double seconds) {
        learning += seconds;
    }

    /** The totals by part, as {@link Algorithm#timing()} returns them. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("physics", physics);
        m.put("inference", inference);
        m.put("learning", learning);
        return m;
    }

    /** Writes the totals into a checkpoint's meta. */
    public void save(CheckpointData out) {
        out.meta().put("physics_s", physics);
        out.meta().put("inference_s", inference);
        out.meta().put("learning_s", learning);
    }

    /** Restores the totals from a checkpoint's meta. */
    public void load(CheckpointData in) {
        physics = in.metaDouble("physics_s");
        inference = in.metaDouble("inference_s");
        learning = in.metaDouble("learning_s");
    }
}
