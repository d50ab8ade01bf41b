package org.gorlj.train;

/**
 * What a {@link TrainingListener} sees of the run it watches, and its way to stop it: the trainer
 * checks for a stop after each unit of work.
 */
public final class RunControl {
    private final long totalSteps;
    private long globalStep;
    private String stopReason;

    RunControl(long totalSteps) {
        this.totalSteps = totalSteps;
    }

    /** The run's budget ({@code total_steps}). */
    public long totalSteps() {
        return totalSteps;
    }

    /** Environment steps trained so far. */
    public long globalStep() {
        return globalStep;
    }

    void setGlobalStep(long step) {
        globalStep = step;
    }

    /**
     * Asks the trainer to stop after the unit of work under way, with a checkpoint; the first reason
     * given is kept and printed.
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Whether some listener asked to stop. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** The first stop reason given, or null. */
    public String stopReason() {
        return stopReason;
    }
}
