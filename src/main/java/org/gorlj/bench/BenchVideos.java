package org.gorlj.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gorlj.render.EpisodeVideo;
import org.gorlj.render.RenderUnavailableException;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;

/**
 * The videos of a bench with {@code "video": true}: for each MuJoCo task x method, one deterministic
 * evaluation episode of the complete run with the best final evaluation return, filmed from its best
 * checkpoint into {@code <results>/<task slug>-<method>.mp4} (a {@code .gif} without ffmpeg), as
 * {@code gorl eval RUN --video FILE} films it with its defaults.
 */
final class BenchVideos {
    private static final int SIZE = 480;
    private static final int MULTISAMPLES = 4;
    private static final long SEED = 12345; // gorl eval's default seed

    private BenchVideos() {}

    /** The best run of a task x method: its complete run with the highest final evaluation return, if any. */
    static Optional<Results.Row> best(List<Results.Row> rows, String task, String method) {
        return rows.stream()
                .filter(r -> r.run().task().equals(task)
                        && r.run().method().name().equals(method)
                        && r.status() == RunStatus.COMPLETE
                        && r.summary() != null
                        && !Double.isNaN(r.summary().finalEvalReturn()))
                .max(Comparator.comparingDouble(r -> r.summary().finalEvalReturn()));
    }

    /** The video of a task x method in the results directory ({@code .mp4}, else {@code .gif}), if filmed. */
    static Optional<Path> file(BenchSpec spec, String task, String method) {
        Path mp4 = spec.results().resolve(BenchSpec.slug(task) + "-" + method + ".mp4");
        Path gif = spec.results().resolve(BenchSpec.slug(task) + "-" + method + ".gif");
        return Files.isRegularFile(mp4)
                ? Optional.of(mp4)
                : Files.isRegularFile(gif) ? Optional.of(gif) : Optional.empty();
    }

    /** Whether a task has a MuJoCo model to film. */
    static boolean filmable(String task) {
        return task.startsWith("dmc/") || task.startsWith("gym/");
    }

    /**
     * Films what is missing or older than its run's best checkpoint; one line per video, per skipped
     * task, and one line (then no more filming) when nothing can render here. Never throws for a
     * rendering or run problem: the bench's results stand without videos.
     */
    static void film(BenchSpec spec, List<Results.Row> rows, PrintStream console) throws IOException {
        for (String task : spec.tasks()) {
            if (!filmable(task)) {
                console.printf("[video ] %s: no MuJoCo model to film; skipped%n", task);
                continue;
            }
            for (BenchSpec.Method m : spec.methods()) {
                Optional<Results.Row> best = best(rows, task, m.name());
                if (best.isEmpty() || !Files.isDirectory(best.get().run().dir())) {
                    continue;
                }
                try {
                    filmOne(spec, best.get(), console);
                } catch (RenderUnavailableException e) {
                    console.println("[video ] cannot film here, no videos: " + e.getMessage());
                    return;
                } catch (IOException | RuntimeException e) { // a bad run or a failed encoder: this video only
                    console.printf(
                            "[video ] %s: not filmed: %s%n", best.get().run().label(), e.getMessage());
                }
            }
        }
    }

    private static void filmOne(BenchSpec spec, Results.Row best, PrintStream console) throws IOException {
        BenchSpec.Run r = best.run();
        RunDirectory d = new RunDirectory(r.dir());
        Path checkpoint = Files.isRegularFile(d.best()) ? d.best() : d.latest();
        Optional<Path> existing = file(spec, r.task(), r.method().name());
        if (existing.isPresent()
                && Files.getLastModifiedTime(existing.get()).compareTo(Files.getLastModifiedTime(checkpoint)) > 0) {
            return;
        }
        Path target = spec.results()
                .resolve(BenchSpec.slug(r.task()) + "-" + r.method().name() + ".mp4");
        try (RunLock _ = RunLock.acquire(r.dir(), "bench video " + r.dir())) {
            Evaluation.LoadedPolicy p = Evaluation.load(r.dir(), "best");
            EpisodeVideo.Result v = EpisodeVideo.record(p, 1, SEED, true, target, SIZE, SIZE, MULTISAMPLES);
            if (existing.isPresent() && !existing.get().equals(v.file())) {
                Files.delete(existing.get()); // an older GIF (or MP4) of this task and method
            }
            console.printf(
                    Locale.ROOT,
                    "[video ] %s: %s checkpoint at step %,d, return %.2f over %d steps -> %s%n",
                    r.label(),
                    p.checkpoint(),
                    p.globalStep(),
                    v.returns()[0],
                    v.lengths()[0],
                    v.file());
        }
    }
}
