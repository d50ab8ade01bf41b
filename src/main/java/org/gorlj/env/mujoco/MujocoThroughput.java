package org.gorlj.env.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@code interleaved MODEL.xml LIBRARY.so STEPS ROUNDS}: the same comparison inside one process:
 *       the Java loop and the C loop of {@code bench/c/mj_step_loop.c} built as a shared library
 *       ({@code mj_step_loop_run}) run alternately on the same model and data, ROUNDS times each, so
 *       both see the same machine load; prints the median rates and the median per-round ratio;</li>
 *   <li>{@code vec SECONDS TASK...}: {@link VecEnv} env steps per second with uniformly random actions
 *       for N = 1, 8, 32, 64 copies on 1 and 2 threads, printed as markdown table rows.</li>
 * </ul>
 * Run with {@code java --enable-native-access=ALL-UNNAMED -cp CLASSPATH org.gorlj.env.mujoco.MujocoThroughput ...};
 * {@code bench/run-mujoco-throughput.sh} runs both modes next to the C loop.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class MujocoThroughput {
    private static final int[] COPIES = {1, 8, 32, 64};
    private static final int[] THREADS = {1, 2};

    private MujocoThroughput() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length >= 3 && args[0].equals("raw")) {
            System.out.printf(
                    Locale.ROOT, "steps_per_second %.0f%n", rawStepRate(Path.of(args[1]), Long.parseLong(args[2])));
        } else if (args.length == 5 && args[0].equals("interleaved")) {
            interleaved(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
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
            System.err.println(
                    "usage: MujocoThroughput raw MODEL.xml STEPS | interleaved MODEL.xml LIBRARY.so STEPS ROUNDS"
                            + " | vec SECONDS TASK...");
            System.exit(2);
        }
    }

    /** mj_step calls per second on the calling thread, after a warm-up of a fifth of {@code steps}. */
    static double rawStepRate(Path modelFile, long steps) {
        try (MjModel model = MjModel.load(modelFile);
                MjData data = model.makeData()) {
            runRawLoop(data, steps / 5);
            long t0 = System.nanoTime();
            runRawLoop(data, steps);
            return steps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Alternates the Java loop and the C library loop on one model and data; prints medians. */
    static void interleaved(Path modelFile, Path cLibrary, long steps, int rounds) {
        MethodHandle cLoop = Linker.nativeLinker()
                .downcallHandle(
                        SymbolLookup.libraryLookup(cLibrary, Arena.global())
                                .find("mj_step_loop_run")
                                .orElseThrow(() -> new IllegalArgumentException(cLibrary + " has no mj_step_loop_run")),
                        FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        try (MjModel model = MjModel.load(modelFile);
                MjData data = model.makeData()) {
            runRawLoop(data, steps);
            runCLoop(cLoop, model, data, steps);
            double[] java = new double[rounds];
            double[] c = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean javaFirst = r % 2 == 0;
                if (javaFirst) {
                    java[r] = timeJava(data, steps);
                    c[r] = timeC(cLoop, model, data, steps);
                } else {
                    c[r] = timeC(cLoop, model, data, steps);
                    java[r] = timeJava(data, steps);
                }
                ratio[r] = java[r] / c[r];
            }
            System.out.printf(
                    Locale.ROOT,
                    "java_steps_per_second %.0f c_steps_per_second %.0f java_over_c %.3f%n",
                    median(java),
                    median(c),
                    median(ratio));
        }
    }

    private static double timeJava(MjData data, long steps) {
        long t0 = System.nanoTime();
        runRawLoop(data, steps);
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    private static double timeC(MethodHandle cLoop, MjModel model, MjData data, long steps) {
        long t0 = System.nanoTime();
        runCLoop(cLoop, model, data, steps);
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    private static void runCLoop(MethodHandle cLoop, MjModel model, MjData data, long steps) {
        try {
            cLoop.invokeExact(model.pointer(), data.pointer(), steps);
        } catch (Throwable t) {
            throw Mujoco.propagate(t);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
            Rng rng = new Rng(0);
            vec.reset(0);
            runVec(vec, rng, (long) (seconds * 0.25e9));
            long t0 = System.nanoTime();
            long vectorSteps = runVec(vec, rng, (long) (seconds * 1e9));
            return (double) vectorSteps * copies / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long runVec(VecEnv vec, Rng rng, long nanos) {
        long end = System.nanoTime() + nanos;
        long steps = 0;
        while (System.nanoTime() < end) {
            vec.stepRandomly(rng, 1);
            steps++;
        }
        return steps;
    }
}
