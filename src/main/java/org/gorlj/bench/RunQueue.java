package org.gorlj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.gorlj.train.RunDirectory;

/**
 * The runs a bench still has to train, handed to its workers in the spec's order, except that a
 * branch whose trunk has not kept the checkpoint it forks from yet is passed over while this bench
 * still has the trunk queued or in training: its worker takes the next run instead of waiting, so no
 * core idles while a trunk trains towards a branch's step. A branch whose trunk this bench will not
 * train is handed out as it comes (its fork waits for another process or reports the missing
 * checkpoint).
 */
final class RunQueue {
    private final List<BenchSpec.Run> waiting;
    /** Run directories queued or in training here. */
    private final Set<Path> unfinished = new HashSet<>();

    RunQueue(List<BenchSpec.Run> todo) {
        this.waiting = new ArrayList<>(todo);
        todo.forEach(r -> unfinished.add(r.dir()));
    }

    /**
     * The first run that is ready, waiting while only branches of unfinished trunks are left; null once
     * every run has been handed out.
     */
    synchronized BenchSpec.Run next() throws InterruptedException {
        while (!waiting.isEmpty()) {
            for (Iterator<BenchSpec.Run> it = waiting.iterator(); it.hasNext(); ) {
                BenchSpec.Run r = it.next();
                if (ready(r)) {
                    it.remove();
                    return r;
                }
            }
            wait(500); // a trunk keeps its checkpoint while it trains: look again then, or when a run ends
        }
        return null;
    }

    /** Marks a handed-out run as ended (trained, failed or left to another process). */
    synchronized void done(BenchSpec.Run r) {
        unfinished.remove(r.dir());
        notifyAll();
    }

    private boolean ready(BenchSpec.Run r) {
        return r.trunk() == null
                || !unfinished.contains(r.trunk())
                || Files.exists(new RunDirectory(r.dir()).config())
                || Files.isRegularFile(new RunDirectory(r.trunk())
                        .stepCheckpoint(r.method().branch().atStep()));
    }
}
