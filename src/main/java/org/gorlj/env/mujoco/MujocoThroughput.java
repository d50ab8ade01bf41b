package org.gorlj.env.mujoco;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.VecEnv;
import org.gorlj.util.Rng;

/**
 * Throughput measurements of the MuJoCo binding (no JMH; a warm-up, then a timed run). Two modes:
 * <ul>
 *   <li>{@code raw MODEL.xml STEPS}: raw {@code mj_step} rate on one thread, with exactly the loop of
 *       {@code bench/c/mj_step_loop.c} (reset every 1000 steps, ctrl[j] = sin(0.01 i + j)), so the two
 *       numbers compare the binding's overhead with C;</li>
 *   <li>{@code vec SECONDS TASK...}: {@link VecEnv} env steps per second with uniformly random actions
 *       for N = 1, 8, 32, 64 copies on 1 and 2 threads, printed as markdown table rows.</li>
 * </ul>
 * Run with {@code java --enable-native-access=ALL-UNNAMED -cp CLASSPATH org.gorlj.env.mujoco.MujocoThroughput ...};
 * {@code bench/run-mujoco-throughput.sh} runs both modes next to the C loop.
 */
public final class MujocoThroughput {
    private static final int[] COPIES = {1, 8, 32, 64};
    private static final int[] THREADS = {1, 2};

    private MujocoThroughput() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length >= 3 && args[0].equals("raw")) {
            System.out.printf(Locale.ROOT, "steps_per_second %.0f%n", rawStepRate(Path.of(args[1]), Long.parseLong(args[2])));
        } else if (args.length >= 3 && args[0].equals("vec")) {
            double seconds = Double.parseDouble(args[1]);
            System.out.println("| task | copies N | threads | env steps/s |");
            System.out.println("|---|---:|---:|---:|");
            for (String task : List.of(args).subList(2, args.length)) {
                for (int threads : THREADS) {
                    for (int copies : COPIES) {
                        double rate = vecEnvStepRate(TaskRegistry.get(task), copies, threads, seconds);
                        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f |%n", task, copies, threads, rate);
                    }
                }
            }
        } else {
            System.err.println("usage: MujocoThroughput raw MODEL.xml STEPS | vec SECONDS TASK...");
            System.exit(2);
        }
    }

    /** mj_step calls per second on the calling thread, after a warm-up of a fifth of {@code steps}. */
    static double rawStepRate(Path modelFile, long steps) {
        try (MjModel model = MjModel.load(modelFile); MjData data = model.makeData()) {
            runRawLoop(data, steps / 5);
            long t0 = System.nanoTime();
            runRawLoop(data, steps);
            return steps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void runRawLoop(MjData data, long steps) {
        MjArray ctrl = data.ctrl();
        int nu = ctrl.size();
        for (long i = 0; i < steps; i++) {
            if (i % 1000 == 0) {
                data.reset();
            }
            for (int j = 0; j < nu; j++) {
                ctrl.set(j, Math.sin(0.01 * i + j));
            }
            data.step();
        }
    }

    /** Env steps per second (copies x vector steps) of a VecEnv with random actions, after a warm-up. */
    static double vecEnvStepRate(Task task, int copies, int threads, double seconds) {
        try (VecEnv vec = new VecEnv(task, copies, threads)) {
            BoxSpace space = vec.actionSpace();
            double[] actions = new double[copies * vec.actionDim()];
            Rng rng = new Rng(0);
            vec.reset(0);
            runVec(vec, space, actions, rng, (long) (seconds * 0.25e9));
            long t0 = System.nanoTime();
            long vectorSteps = runVec(vec, space, actions, rng, (long) (seconds * 1e9));
            return (double) vectorSteps * copies / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long runVec(VecEnv vec, BoxSpace space, double[] actions, Rng rng, long nanos) {
        int dim = space.dim();
        long end = System.nanoTime() + nanos;
        long steps = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < actions.length; i++) {
                int k = i % dim;
                actions[i] = rng.uniform(space.low(k), space.high(k));
            }
            vec.step(actions);
            vec.drainFinishedEpisodes();
            steps++;
        }
        return steps;
    }
}
