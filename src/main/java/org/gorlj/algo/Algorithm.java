package org.gorlj.algo;

import java.util.List;
import java.util.Map;
import org.gorlj.env.VecEnv;
import org.gorlj.run.CheckpointData;

/**
 * A training algorithm as the trainer drives it: a sequence of units of
 * work (an on-policy iteration, a phase of decoder training, ...), each returning one row of
 * metrics. The trainer owns the loop, evaluation, logging and checkpoints; the algorithm owns
 * its networks, environments and random state, and can save and restore all of it.
 */
public interface Algorithm extends AutoCloseable {

    /** Runs the next unit of work and returns its metrics (keys among {@link #metricColumns()}). */
    Map<String, Object> iterate();

    /** Environment steps taken so far (counting every copy). */
    long globalStep();

    /** The algorithm-specific metric columns, in order. */
    List<String> metricColumns();

    /** Episodes that finished since the last call. */
    List<VecEnv.Episode> drainEpisodes();

    /** The current policy, frozen, for evaluation. */
    Actor actor();

    /** Called after each evaluation with its mean return (GoRL keeps its best-evaluated encoder). */
    default void onEvaluation(double meanReturn) {}

    /** Accumulated wall-clock seconds by part: physics, inference, learning (and others if any). */
    Map<String, Double> timing();

    /** Writes the complete state. */
    void save(CheckpointData out);

    /** Restores a state written by {@link #save}. */
    void load(CheckpointData in);

    @Override
    void close();
}
