package org.gorlj.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.env.VecEnv;
import org.gorlj.nn.Torch;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.PeakRss;
import org.gorlj.util.Rng;

/**
 * The library side of {@code gorl perf}: trains an algorithm for {@code total_steps} steps in this
 * process, with no evaluation, checkpoints or files, and reports the wall-clock time split into
 * the parts the algorithm measures ({@link Algorithm#timing()}: environment stepping, policy
 * inference, learning) plus the rest, and the process's peak RSS. Then it measures the physics
 * limit of the same run: the task's environment copies alone ({@code num_envs} copies on
 * {@code env_threads} threads, the same model and substeps) stepped with uniformly random actions,
 * no network involved, for at least the same number of environment steps. Both phases also report how many
 * cores the process kept busy (process CPU time over wall-clock time).
 */
public final class Perf {
    /** The physics-only phase runs at least this long. */
    static final double MIN_PHYSICS_SECONDS = 1.0;

    private Perf() {}

    /**
     * What a measurement found.
     *
     * @param run the measured config
     * @param steps environment steps taken
     * @param iterations units of work run
     * @param seconds wall-clock seconds of all iterations
     * @param parts seconds by part (physics, inference, learning, other), summing to {@code seconds}
     * @param cpuSeconds CPU seconds of the whole process (all threads) during the iterations, NaN if unknown
     * @param peakRssMb peak RSS of this process (MiB) up to the end of the training, NaN if unknown
     * @param physics the physics-only measurement that followed
     */
    public record Report(
            RunConfig run,
            long steps,
            long iterations,
            double seconds,
            Map<String, Double> parts,
            double cpuSeconds,
            double peakRssMb,
            Physics physics) {
        /** Environment steps per second overall. */
        public double stepsPerSecond() {
            return steps / seconds;
        }

        /** Environment steps per second of one part alone ({@code steps / part seconds}). */
        public double stepsPerSecond(String part) {
            return steps / parts.get(part);
        }

        /** Cores kept busy during training: process CPU seconds per wall-clock second. */
        public double cores() {
            return cpuSeconds / seconds;
        }

        /** End-to-end rate as a fraction of the physics-only rate. */
        public double physicsRatio() {
            return stepsPerSecond() / physics.stepsPerSecond();
        }
    }

    /**
     * The physics-only measurement: the run's environment copies stepped with random actions.
     *
     * @param steps environment steps taken (copies x vector steps)
     * @param seconds wall-clock seconds
     * @param cpuSeconds CPU seconds of the whole process meanwhile, NaN if unknown
     */
    public record Physics(long steps, double seconds, double cpuSeconds) {
        /** Environment steps per second. */
        public double stepsPerSecond() {
            return steps / seconds;
        }

        /** Cores kept busy: process CPU seconds per wall-clock second. */
        public double cores() {
            return cpuSeconds / seconds;
        }
    }

    /** Trains {@code run} for its {@code total_steps} and measures it, then its physics alone. */
    public static Report measure(RunConfig run) {
        Torch.start(run.config().getInt("torch_threads"));
        Task task = TaskRegistry.get(run.task());
        long total = run.config().getLong("total_steps");
        long steps;
        long iterations = 0;
        double seconds;
        double cpuSeconds;
        Map<String, Double> parts;
        try (Algorithm alg = Algorithms.create(run.algo(), run.config(), task)) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            while (alg.globalStep() < total) {
                alg.iterate();
                alg.drainEpisodes();
                iterations++;
            }
            seconds = (System.nanoTime() - t0) * 1e-9;
            cpuSeconds = cpuSecondsSince(c0);
            parts = new LinkedHashMap<>(alg.timing());
            double measured =
                    parts.values().stream().mapToDouble(Double::doubleValue).sum();
            parts.put("other", Math.max(0, seconds - measured));
            steps = alg.globalStep();
        }
        double peakRssMb = PeakRss.mebibytes(); // the training's peak, before the physics phase
        Physics physics = measurePhysics(
                task,
                run.config().getInt("num_envs"),
                run.config().getInt("env_threads"),
                steps,
                run.config().getLong("seed"));
        return new Report(run, steps, iterations, seconds, parts, cpuSeconds, peakRssMb, physics);
    }

    /**
     * Steps {@code copies} copies of {@code task} on {@code threads} threads with uniformly random
     * actions for at least {@code steps} environment steps (whole vector steps) and at least
     * {@link #MIN_PHYSICS_SECONDS} (so that the CPU time, counted in coarse ticks, means something),
     * after a warm-up of a tenth of {@code steps}.
     */
    static Physics measurePhysics(Task task, int copies, int threads, long steps, long seed) {
        long vectorSteps = Math.max(1, (steps + copies - 1) / copies);
        long chunk = Math.max(1, vectorSteps / 10);
        try (VecEnv vec = new VecEnv(task, copies, threads)) {
            Rng rng = new Rng(seed);
            vec.reset(seed);
            vec.stepRandomly(rng, chunk);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            vec.stepRandomly(rng, vectorSteps);
            long done = vectorSteps;
            while (System.nanoTime() - t0 < MIN_PHYSICS_SECONDS * 1e9) {
                vec.stepRandomly(rng, chunk);
                done += chunk;
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            return new Physics(done * copies, seconds, cpuSecondsSince(c0));
        }
    }

    /** CPU time of this process (all threads) in nanoseconds, or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static double cpuSecondsSince(long startNanos) {
        long now = processCpuNanos();
        return startNanos < 0 || now < 0 ? Double.NaN : (now - startNanos) * 1e-9;
    }
}
