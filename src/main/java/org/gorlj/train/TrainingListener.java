package org.gorlj.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Watches a {@link Trainer}'s run from code: after each unit of work with its metrics row, after each
 * evaluation, checkpoint and GoRL stage boundary. Every call gets the run's {@link RunControl}, through
 * which a listener can stop the run; the trainer then finishes the unit of work under way, writes the
 * latest checkpoint and returns, leaving a run that {@code gorl train --resume} continues. Listeners are
 * called on the training thread, in the order they were added; they are not part of the run's settings
 * (a resumed run has only the listeners given to it). Ready-made ones: {@link EarlyStopping}.
 */
public interface TrainingListener {
    /**
     * After a unit of work (an iteration, a decoder phase, ...) with the row just written to
     * {@code metrics.csv} (column name to value; read-only).
     */
    default void onUnit(Map<String, Object> row, RunControl run) {}

    /** After a deterministic evaluation of the policy. */
    default void onEvaluation(EvaluationDone evaluation, RunControl run) {}

    /** After a checkpoint is written (the latest one; {@link CheckpointWritten#best()} when it was also copied to the best one). */
    default void onCheckpoint(CheckpointWritten checkpoint, RunControl run) {}

    /** After a GoRL stage boundary: the decoder was refitted and the return measured before and after. */
    default void onStageBoundary(StageBoundary boundary, RunControl run) {}

    /**
     * An evaluation's outcome.
     *
     * @param globalStep the environment steps trained when the policy was evaluated
     * @param number the run's evaluation count, 1 for its first
     * @param meanReturn mean episode return ({@code eval_return})
     * @param stdReturn standard deviation of the episode returns ({@code eval_std})
     * @param improved whether the return beat every earlier evaluation of the run (the best checkpoint follows)
     */
    record EvaluationDone(long globalStep, int number, double meanReturn, double stdReturn, boolean improved) {}

    /**
     * A checkpoint written.
     *
     * @param globalStep the step it holds
     * @param file the latest checkpoint's file
     * @param best whether it was also copied to the best checkpoint
     */
    record CheckpointWritten(long globalStep, Path file, boolean best) {}

    /**
     * A GoRL stage boundary (the metrics columns {@code boundary_return_before}, {@code boundary_return_after},
     * {@code boundary_retention}).
     *
     * @param globalStep the step of the boundary's last decoder row
     * @param stage the stage of that row
     * @param returnBefore the deterministic return before the refit
     * @param returnAfter the deterministic return after the refit
     * @param retention after / before where defined, else NaN
     */
    record StageBoundary(long globalStep, int stage, double returnBefore, double returnAfter, double retention) {}
}
