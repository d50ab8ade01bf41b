package org.gorlj.env.mujoco;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.TimeLimit;
import org.gorlj.util.Rng;

/**
 * Measures, per task, the return of a uniformly random policy and the single-thread stepping speed,
 * and prints a markdown table. Usage: {@code RandomPolicyBenchmark [episodes] [task or family/...]}
 * (default 10 episodes; a name ending in '/' selects every task of that family; default
 * {@code dmc/}). Episode {@code i} is reset with seed {@code i}; actions are uniform in the action
 * space's box from a generator seeded with {@code 1000 + i}. Only {@code step} calls are timed, after
 * one untimed warm-up episode per task (so the JIT has compiled the stepping path). Physics steps per
 * second are environment steps per second times the MuJoCo frame skip.
 */
public final class RandomPolicyBenchmark {
    private RandomPolicyBenchmark() {}

    /** Runs the benchmark and prints the table on standard output. */
    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> selectors = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("dmc/");
        List<Task> tasks = new ArrayList<>();
        for (String selector : selectors) {
            if (selector.endsWith("/")) {
                TaskRegistry.all().stream()
                        .filter(t -> t.name().startsWith(selector))
                        .forEach(tasks::add);
            } else {
                tasks.add(TaskRegistry.get(selector));
            }
        }
        System.out.println("| task | random return, mean ± sd (min–max) over " + episodes
                + " episodes | env steps/s | physics steps/s |");
        System.out.println("|---|---|---|---|");
        for (Task task : tasks) {
            System.out.println(measure(task, episodes));
        }
    }

    /** Clears the episode-end flags before a step, as {@code VecEnv} does (not every task writes both). */
    private static void clearFlags(StepResult r) {
        r.terminated = false;
        r.truncated = false;
    }

    private static String measure(Task task, int episodes) {
        double[] returns = new double[episodes];
        long stepNanos = 0;
        long steps = 0;
        int frameSkip;
        try (Env env = task.make()) {
            Env inner = env instanceof TimeLimit limit ? limit.inner() : env;
            frameSkip = inner instanceof MujocoEnv mujoco ? mujoco.frameSkip() : 1;
            BoxSpace actionSpace = env.actionSpace();
            double[] obs = new double[env.observationSpace().dim()];
            double[] action = new double[actionSpace.dim()];
            StepResult r = new StepResult(obs.length);
            env.reset(-1, obs);
            do {
                clearFlags(r);
                env.step(action, r); // warm-up with zero actions
            } while (!r.done());
            for (int e = 0; e < episodes; e++) {
                env.reset(e, obs);
                Rng actions = new Rng(1000 + e);
                do {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = actions.uniform(actionSpace.low(i), actionSpace.high(i));
                    }
                    clearFlags(r);
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
                task.name(),
                mean,
                Math.sqrt(var),
                min,
                max,
                envStepsPerSecond,
                envStepsPerSecond * frameSkip);
    }
}
