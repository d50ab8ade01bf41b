package org.gorlj.env;

/**
 * The outcome of one {@link Env#step}: a reusable holder, so stepping allocates nothing.
 * The caller owns {@link #observation}; the environment writes the next observation into it.
 */
public final class StepResult {
    /** The observation after the step (filled by the environment). */
    public final double[] observation;
    /** The reward of the step. */
    public double reward;
    /** The episode ended in a terminal state of the task (no bootstrapping past it). */
    public boolean terminated;
    /** The episode was cut short, by a time limit (bootstrapping from {@link #observation} is right). */
    public boolean truncated;

    /** A holder for observations of the given size. */
    public StepResult(int observationDim) {
        this.observation = new double[observationDim];
    }

    /** True when the episode ended either way. */
    public boolean done() {
        return terminated || truncated;
    }
}
