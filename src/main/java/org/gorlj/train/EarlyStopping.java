package org.gorlj.train;

import java.util.Locale;

/**
 * Ready-made {@link TrainingListener}s that stop a run early on its evaluations (the command line's
 * {@code --stop-at-return X} and {@code --stop-on-plateau N}). A stopped run has its latest checkpoint
 * at the step it stopped: {@code gorl train --resume} continues it to its budget, {@code gorl train --fork
 * ... --steps N} to a larger one.
 */
public final class EarlyStopping {
    private EarlyStopping() {}

    /** Stops after the first evaluation whose mean return is at least {@code target}. */
    public static TrainingListener atReturn(double target) {
        if (Double.isNaN(target)) {
            throw new IllegalArgumentException("target is NaN");
        }
        return new TrainingListener() {
            @Override
            public void onEvaluation(EvaluationDone e, RunControl run) {
                if (e.meanReturn() >= target) {
                    run.stop(String.format(
                            Locale.ROOT,
                            "evaluation %d returned %.6g, at least the target %.6g",
                            e.number(),
                            e.meanReturn(),
                            target));
                }
            }
        };
    }

    /**
     * Stops when {@code evaluations} evaluations in a row have not beaten the run's best one. Counted
     * from the first evaluation this listener sees (a resumed run counts afresh).
     */
    public static TrainingListener onPlateau(int evaluations) {
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations must be at least 1, got " + evaluations);
        }
        return new TrainingListener() {
            private int withoutImprovement;

            @Override
            public void onEvaluation(EvaluationDone e, RunControl run) {
                withoutImprovement = e.improved() ? 0 : withoutImprovement + 1;
                if (withoutImprovement >= evaluations) {
                    run.stop(evaluations + " evaluations in a row without improvement on the best return");
                }
            }
        };
    }
}
