package org.gorlj.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.gorlj.run.DivergenceException;
import org.gorlj.train.RunLock;
import org.gorlj.train.Trainer;
import org.gorlj.util.PeakRss;
import org.gorlj.util.UserInputException;

/**
 * Trains one benchmark run in its own JVM: {@code java ... org.gorlj.bench.RunWorker RUN_DIR}.
 * Starts the run from its {@code config.json} or resumes it from its latest checkpoint, holds a
 * lock on the directory so no two processes train it at once, records its peak RSS in
 * {@code bench.json} every second (so a killed session still counts) and marks the run complete
 * at the end, or diverged with the reason when a number goes non-finite. It stops itself when the
 * bench process that started it dies.
 *
 * <p>Exit codes: 0 complete, 2 bad run directory or already being trained, 3 a non-finite number.
 */
public final class RunWorker {
    private RunWorker() {}

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RunWorker RUN_DIR");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** True when another process holds the run's lock, i.e. is training it or writing into it now. */
    static boolean isBusy(Path dir) throws IOException {
        return RunLock.holder(dir) != null;
    }

    /** Trains the run in {@code dir}; returns the exit code. */
    static int run(Path dir) {
        try (RunLock _ = RunLock.acquire(dir, "bench worker " + dir)) {
            double before = RunRecord.read(dir).peakRssMb();
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "run-worker-watch");
                t.setDaemon(true);
                return t;
            });
            ScheduledFuture<?> _ = watch.scheduleAtFixedRate(
                    () -> {
                        if (parent.isPresent() && !parent.get().isAlive()) {
                            System.err.println(
                                    "bench process ended; stopping (the run resumes from its latest checkpoint)");
                            Runtime.getRuntime().halt(1);
                        }
                        record(dir, before, false, null);
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
            try {
                Trainer trainer = Trainer.open(dir, System.out);
                trainer.runConfig().warnings().forEach(System.err::println);
                trainer.train();
            } catch (DivergenceException e) {
                stop(watch);
                record(dir, before, false, e.getMessage());
                System.err.println("error: training stopped, a number went non-finite: " + e.getMessage());
                return 3;
            }
            stop(watch);
            record(dir, before, true, null);
            return 0;
        } catch (UserInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("error: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Stops the watch, so that its last record cannot overwrite the final one. */
    private static void stop(ScheduledExecutorService watch) throws InterruptedException {
        watch.shutdownNow();
        watch.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void record(Path dir, double before, boolean complete, String diverged) {
        double now = PeakRss.mebibytes();
        double peak = Double.isNaN(before) ? now : Math.max(before, now);
        try {
            new RunRecord(peak, complete, diverged).write(dir);
        } catch (IOException e) {
            System.err.println("warning: cannot write " + RunRecord.FILE + ": " + e.getMessage());
        }
    }
}
