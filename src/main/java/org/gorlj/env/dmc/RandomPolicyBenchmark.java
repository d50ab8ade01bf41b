package org.gorlj.env.dmc;

import java.util.Locale;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.TaskRegistry;
import org.gorlj.util.Rng;

/**
 * Measures, per DMC task, the return of a uniformly random policy and the single-thread stepping
 * speed, and prints a markdown table. Usage: {@code RandomPolicyBenchmark [episodes] [task...]}
 * (default 10 episodes, every task). Episode {@code i} is reset with seed {@code i}; actions are
 * uniform in [-1, 1] from a generator seeded with {@code 1000 + i}. Only {@code step} calls are timed,
 * after one untimed warm-up episode per task (so the JIT has compiled the stepping path).
 */
public final class RandomPolicyBenchmark {
    private RandomPolicyBenchmark() {}

    /** Runs the benchmark and prints the table on standard output. */
    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        DmcTask[] tasks = DmcTask.values();
        if (args.length > 1) {
            tasks = new DmcTask[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                tasks[i - 1] = java.util.Arrays.stream(DmcTask.values())
                        .filter(t -> t.taskName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown DMC task " + name));
            }
        }
        System.out.println("| task | random return, mean ± sd (min–max) over " + episodes
                + " episodes | env steps/s | physics steps/s |");
        System.out.println("|---|---|---|---|");
        for (DmcTask task : tasks) {
            System.out.println(measure(task, episodes));
        }
    }

    private static String measure(DmcTask task, int episodes) {
        double[] returns = new double[episodes];
        long stepNanos = 0;
        long steps = 0;
        try (Env env = TaskRegistry.get(task.taskName()).make()) {
            double[] obs = new double[task.observationSize()];
            double[] action = new double[task.actionSize()];
            StepResult r = new StepResult(task.observationSize());
            env.reset(-1, obs);
            do {
                env.step(action, r); // warm-up with zero actions
            } while (!r.done());
            for (int e = 0; e < episodes; e++) {
                env.reset(e, obs);
                Rng actions = new Rng(1000 + e);
                do {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = actions.uniform(-1, 1);
                    }
                    long t0 = System.nanoTime();
                    env.step(action, r);
                    stepNanos += System.nanoTime() - t0;
                    steps++;
                    returns[e] += r.reward;
                } while (!r.done());
            }
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double g : returns) {
            mean += g / episodes;
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        double var = 0;
        for (double g : returns) {
            var += (g - mean) * (g - mean) / Math.max(1, episodes - 1);
        }
        double envStepsPerSecond = steps / (stepNanos * 1e-9);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f ± %.1f (%.1f–%.1f) | %,.0f | %,.0f |",
                task.taskName(),
                mean,
                Math.sqrt(var),
                min,
                max,
                envStepsPerSecond,
                envStepsPerSecond * task.substeps());
    }
}
