package org.gorlj.train;

import java.nio.file.Path;
import org.gorlj.algo.Actor;
import org.gorlj.algo.Algorithm;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Torch;
import org.gorlj.run.CheckpointData;

/** Loads a run's checkpoint and evaluates its policy: the library side of {@code gorl eval}. */
public final class Evaluation {
    private Evaluation() {}

    /**
     * What an evaluation found.
     *
     * @param checkpoint the checkpoint evaluated: best, or latest (asked for, or because there is no best one yet)
     */
    public record Report(String task, String algo, String checkpoint, long globalStep, Evaluator.Result result) {}

    /**
     * A run's policy loaded from one of its checkpoints.
     *
     * @param checkpoint the checkpoint loaded: best, or latest (asked for, or because there is no best one yet)
     */
    public record LoadedPolicy(RunConfig run, Task task, Actor actor, String checkpoint, long globalStep) {}

    /**
     * A run's algorithm, open, restored from one of its checkpoints.
     *
     * @param checkpoint the checkpoint loaded: best, or latest (asked for, or because there is no best one yet)
     */
    public record LoadedRun(RunConfig run, Task task, Algorithm algorithm, String checkpoint, long globalStep) {}

    /**
     * Loads the policy of the {@code best} (if present, else the latest) or {@code latest} checkpoint of a run directory.
     *
     * @throws IllegalArgumentException (a ConfigException or CorruptCheckpointException) for a bad directory
     */
    public static LoadedPolicy load(Path runDir, String which) {
        return withLoaded(
                runDir,
                which,
                l -> new LoadedPolicy(l.run(), l.task(), l.algorithm().actor(), l.checkpoint(), l.globalStep()));
    }

    /**
     * Restores the algorithm of the {@code best} (if present, else the latest) or {@code latest} checkpoint of a run
     * directory, hands it to {@code use} and closes it.
     *
     * @throws IllegalArgumentException (a ConfigException or CorruptCheckpointException) for a bad directory
     */
    public static <T> T withLoaded(Path runDir, String which, java.util.function.Function<LoadedRun, T> use) {
        RunDirectory d = new RunDirectory(runDir);
        if (!java.nio.file.Files.isDirectory(runDir)) {
            throw new org.gorlj.config.ConfigException("no run directory at " + runDir);
        }
        RunConfig run = RunConfig.read(d.config());
        boolean best = which.equals("best") && java.nio.file.Files.isRegularFile(d.best());
        Path file = best ? d.best() : d.latest();
        CheckpointData ck = CheckpointData.read(file);
        run.requireMatches(ck, file);
        Torch.start(1);
        Task task = TaskRegistry.get(run.task());
        try (Algorithm alg = Algorithms.create(run.algo(), run.config(), task)) {
            alg.load(ck);
            return use.apply(new LoadedRun(run, task, alg, best ? "best" : "latest", alg.globalStep()));
        }
    }

    /**
     * Evaluates the {@code best} or {@code latest} checkpoint of a run directory.
     *
     * @throws IllegalArgumentException (a ConfigException or CorruptCheckpointException) for a bad directory
     */
    public static Report run(Path runDir, String which, int episodes, boolean deterministic, long seed) {
        LoadedPolicy p = load(runDir, which);
        Evaluator.Result r = Evaluator.evaluate(p.task(), p.actor(), episodes, seed, deterministic, 1);
        return new Report(p.run().task(), p.run().algo(), p.checkpoint(), p.globalStep(), r);
    }
}
