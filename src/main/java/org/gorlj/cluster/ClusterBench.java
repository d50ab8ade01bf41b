package org.gorlj.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;
import org.gorlj.bench.Results;
import org.gorlj.bench.RunStatus;
import org.gorlj.bench.RunSummary;
import org.gorlj.config.ConfigException;
import org.gorlj.train.RunLock;

/**
 * {@code gorl bench SPEC --cluster MEMBERS} on the member where it is started (the bench's origin):
 * puts the spec and one ticket per run into the cluster (a run complete or diverged here is not
 * queued; a partial run here is queued with its checkpoint stored in the cluster), trains runs in its
 * own slots like every member, prints what happens to each run anywhere in the cluster, gathers the
 * files of every run that ends elsewhere into the spec's run directories here (and then drops them from
 * the cluster), rewrites the results after each, and when every run has ended writes the final results and removes the bench from the
 * cluster. Started again with the same spec while the bench is still in the cluster (this member was
 * stopped), it takes the bench over where the cluster left it.
 */
public final class ClusterBench {
    private ClusterBench() {}

    /**
     * Runs the bench over the cluster that {@code hz} is a member of; {@code specText} is the spec
     * file's text (what the other members read). Leaves the cluster at the end.
     *
     * @throws ConfigException for a spec the cluster cannot run (branches) or a bench already run by another member
     */
    public static Bench.Outcome run(
            BenchSpec spec, String specText, HazelcastInstance hz, int parallel, PrintStream console)
            throws IOException, InterruptedException {
        if (spec.runs().stream().anyMatch(r -> r.trunk() != null)) {
            throw new ConfigException(spec.name() + ": --cluster does not run specs with \"branches\" yet;"
                    + " run it without --cluster");
        }
        Bench.requireRunnable(spec);
        for (BenchSpec.Run r : spec.runs()) {
            String holder = RunLock.holder(r.dir());
            if (holder != null) {
                throw new ConfigException("run directory " + r.dir() + " is in use by " + holder
                        + "; wait until it ends (or stop it) and try again");
            }
        }
        String id = BenchBoard.id(spec.name(), specText);
        BenchBoard board = new BenchBoard(hz, id, spec);
        String me = hz.getCluster().getLocalMember().getUuid().toString();
        String myAddress = BenchBoard.address(hz.getCluster().getLocalMember());
        BenchBoard.Entry before = board.entry();
        if (before != null && BenchBoard.memberIds(hz).contains(before.origin())) {
            throw new ConfigException("bench " + spec.name() + " already runs in this cluster, started at "
                    + before.originAddress() + "; see it with --status");
        }
        int skipped = enqueue(board, console);
        BenchBoard.benches(hz)
                .put(
                        id,
                        new BenchBoard.Entry(spec.name(), specText, me, myAddress, System.currentTimeMillis())
                                .toJson());
        console.printf(
                "bench %s in the cluster as %s from %s: %d runs, %d ended before; %d slots here, %d members%n",
                spec.name(),
                id,
                myAddress,
                spec.runs().size(),
                skipped,
                parallel,
                hz.getCluster().getMembers().size());
        int finished = 0, failed = 0;
        try (ClusterMember member = new ClusterMember(hz, parallel, console)) {
            member.setBoards(List.of(board));
            Set<String> gathered = new HashSet<>();
            Map<String, BenchSpec.Run> runs = board.runs();
            List<String> keys = new ArrayList<>(runs.keySet());
            List<RunTicket> seen = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                seen.add(null);
            }
            for (int i = 0; i < keys.size(); i++) {
                if (Bench.status(runs.get(keys.get(i)).dir()) == RunStatus.COMPLETE
                        || Bench.status(runs.get(keys.get(i)).dir()) == RunStatus.DIVERGED) {
                    gathered.add(keys.get(i));
                }
            }
            while (gathered.size() < keys.size()) {
                Thread.sleep(300);
                List<RunTicket> now;
                Set<String> alive;
                try {
                    keepEntry(board, hz, specText, myAddress);
                    now = board.ticketsInOrder();
                    alive = BenchBoard.memberIds(hz);
                    requeueMissing(board, keys, now);
                } catch (RuntimeException e) { // e.g. while this member merges back after a network partition
                    console.println("[cluster] " + e.getClass().getSimpleName() + ": " + e.getMessage() + "; retrying");
                    Thread.sleep(1000);
                    continue;
                }
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    BenchSpec.Run r = runs.get(key);
                    RunTicket t = now.get(i);
                    if (t == null) {
                        continue; // the cluster lost it (two members lost at once): queued again above
                    }
                    report(r, seen.get(i), t, alive, console);
                    seen.set(i, t);
                    if (t.state().ended() && !gathered.contains(key)) {
                        try {
                            gather(board, key, t, member.uuid(), console);
                            board.snapshots().delete(key); // its files are here now: free the cluster's memory
                        } catch (RuntimeException e) {
                            console.println("[cluster] gathering " + r.label() + ": " + e + "; retrying");
                            continue;
                        }
                        gathered.add(key);
                        if (t.state() == RunTicket.State.DONE) {
                            finished++;
                        } else {
                            failed++;
                        }
                        writeResults(spec, console);
                    }
                }
            }
            Bench.writeFinalResults(spec, console);
            board.remove();
            console.printf(
                    "bench %s: %d skipped (complete or diverged), %d finished, %d failed in the cluster; %s here;"
                            + " results in %s%n",
                    spec.name(), skipped, finished, failed, member.stats(), spec.results());
        }
        return new Bench.Outcome(skipped, finished, failed, 0);
    }

    /**
     * Puts the bench's entry back when the cluster lacks it or names another origin: after this member
     * merged back from a network partition it has a new UUID, and the other side's entry may have won.
     */
    private static void keepEntry(BenchBoard board, HazelcastInstance hz, String specText, String myAddress) {
        String me = hz.getCluster().getLocalMember().getUuid().toString();
        BenchBoard.Entry e = board.entry();
        if (e == null || !e.origin().equals(me)) {
            BenchBoard.benches(hz)
                    .put(
                            board.id(),
                            new BenchBoard.Entry(
                                            board.spec().name(),
                                            specText,
                                            me,
                                            myAddress,
                                            e == null ? System.currentTimeMillis() : e.startedMillis())
                                    .toJson());
        }
    }

    /** Puts a ticket for every run the cluster does not know yet; returns the runs that had ended here. */
    private static int enqueue(BenchBoard board, PrintStream console) throws IOException {
        IMap<String, String> tickets = board.tickets();
        int ended = 0;
        for (Map.Entry<String, BenchSpec.Run> e : board.runs().entrySet()) {
            BenchSpec.Run r = e.getValue();
            RunStatus s = Bench.status(r.dir());
            if (s == RunStatus.COMPLETE || s == RunStatus.DIVERGED) {
                ended++;
                RunTicket.State state = s == RunStatus.COMPLETE ? RunTicket.State.DONE : RunTicket.State.DIVERGED;
                tickets.putIfAbsent(
                        e.getKey(),
                        RunTicket.queued(r.steps())
                                .ended(state, r.steps(), "before")
                                .toJson());
                continue;
            }
            if (tickets.containsKey(e.getKey())) {
                continue;
            }
            RunSnapshot partial = s == RunStatus.PARTIAL ? RunSnapshot.capture(r.dir()) : null;
            if (partial != null) {
                board.snapshots().set(e.getKey(), partial.encode());
                console.printf(
                        "[queue ] %s from step %,d (its checkpoint here, now in the cluster)%n",
                        r.label(), partial.steps());
            }
            tickets.putIfAbsent(
                    e.getKey(),
                    RunTicket.queued(partial == null ? 0 : partial.steps()).toJson());
        }
        return ended;
    }

    /**
     * A run whose ticket the cluster lost (two members lost at once held both copies) is queued again:
     * from its stored snapshot if that survived, else afresh.
     */
    private static void requeueMissing(BenchBoard board, List<String> keys, List<RunTicket> now) {
        for (int i = 0; i < keys.size(); i++) {
            if (now.get(i) == null) {
                board.tickets().putIfAbsent(keys.get(i), RunTicket.queued(0).toJson());
            }
        }
    }

    /** Prints a run's change of state, wherever in the cluster it happened. */
    private static void report(BenchSpec.Run r, RunTicket was, RunTicket t, Set<String> alive, PrintStream console) {
        if (was != null && was.state() == t.state() && was.owner().equals(t.owner())) {
            if (t.state() == RunTicket.State.TRAINING && !alive.contains(t.owner()) && alive.contains(was.owner())) {
                console.printf(
                        "[lost  ] %s: its member %s is gone; it resumes from step %,d on the next free slot%n",
                        r.label(), t.ownerAddress(), t.steps());
            }
            return;
        }
        switch (t.state()) {
            case TRAINING ->
                console.printf(
                        "[%-6s] %s on %s%s%n",
                        t.steps() > 0 ? "resume" : "start",
                        r.label(),
                        t.ownerAddress(),
                        t.steps() > 0 ? String.format(" from step %,d", t.steps()) : "");
            case QUEUED -> {
                if (was != null) {
                    console.printf("[queue ] %s back in the queue at step %,d%n", r.label(), t.steps());
                }
            }
            case DONE -> {
                if (!t.note().equals("before")) {
                    console.printf("[done  ] %s on %s: %,d steps%n", r.label(), t.ownerAddress(), t.steps());
                }
            }
            case DIVERGED, FAILED -> {
                if (!t.note().equals("before")) {
                    console.printf("[failed] %s on %s: %s%n", r.label(), t.ownerAddress(), t.note());
                }
            }
        }
    }

    /** Writes an ended run's stored files into its run directory here (unless this member trained it). */
    private static void gather(BenchBoard board, String key, RunTicket t, String me, PrintStream console)
            throws IOException {
        BenchSpec.Run r = board.runs().get(key);
        if (t.owner().equals(me) || t.note().equals("before")) {
            return; // its files are here
        }
        RunSnapshot files = board.snapshot(key);
        if (files == null) {
            console.printf("[failed] %s: the cluster holds no files of it%n", r.label());
            return;
        }
        java.nio.file.Files.createDirectories(r.dir());
        try (RunLock _ = RunLock.acquire(r.dir(), "cluster bench gathering " + r.dir())) {
            files.restore(r.dir());
        }
        if (t.state() == RunTicket.State.DONE) {
            RunSummary s = RunSummary.read(r.dir());
            console.printf(
                    "[gather] %s: %,d steps in %.0f s (%,.0f steps/s, peak RSS %.0f MiB), final eval %.1f, "
                            + "final training return %.1f; %.0f KiB of files%n",
                    r.label(),
                    s.steps(),
                    s.wallClockSeconds(),
                    s.stepsPerSecond(),
                    s.peakRssMb(),
                    s.finalEvalReturn(),
                    s.finalTrainReturn(),
                    files.size() / 1024.0);
        }
    }

    private static void writeResults(BenchSpec spec, PrintStream console) {
        try {
            Results.write(spec);
        } catch (IOException | RuntimeException e) {
            console.println("bench: could not write results yet: " + e);
        }
    }
}
