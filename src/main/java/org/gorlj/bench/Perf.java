package org.gorlj.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Torch;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.gorlj.util.PeakRss;

/**
 * The library side of {@code gorl perf}: trains an algorithm for {@code total_steps} steps in this
 * process, with no evaluation, checkpoints or files, and reports the wall-clock time split into
 * the parts the algorithm measures ({@link Algorithm#timing()}: environment stepping, policy
 * inference, learning) plus the rest, and the process's peak RSS.
 */
public final class Perf {
    private Perf() {}

    /**
     * What a measurement found.
     *
     * @param run the measured config
     * @param steps environment steps taken
     * @param iterations units of work run
     * @param seconds wall-clock seconds of all iterations
     * @param parts seconds by part (physics, inference, learning, other), summing to {@code seconds}
     * @param peakRssMb peak RSS of this process (MiB), NaN if unknown
     */
    public record Report(RunConfig run, long steps, long iterations, double seconds, Map<String, Double> parts,
                         double peakRssMb) {
        /** Environment steps per second overall. */
        public double stepsPerSecond() {
            return steps / seconds;
        }

        /** Environment steps per second of one part alone ({@code steps / part seconds}). */
        public double stepsPerSecond(String part) {
            return steps / parts.get(part);
        }
    }

    /** Trains {@code run} for its {@code total_steps} and measures it. */
    public static Report measure(RunConfig run) {
        Torch.start(run.config().getInt("torch_threads"));
        Task task = TaskRegistry.get(run.task());
        long total = run.config().getLong("total_steps");
        try (Algorithm alg = Algorithms.create(run.algo(), run.config(), task)) {
            long iterations = 0;
            long t0 = System.nanoTime();
            while (alg.globalStep() < total) {
                alg.iterate();
                alg.drainEpisodes();
                iterations++;
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            Map<String, Double> parts = new LinkedHashMap<>(alg.timing());
            double measured = parts.values().stream().mapToDouble(Double::doubleValue).sum();
            parts.put("other", Math.max(0, seconds - measured));
            return new Report(run, alg.globalStep(), iterations, seconds, parts, PeakRss.mebibytes());
        }
    }
}
