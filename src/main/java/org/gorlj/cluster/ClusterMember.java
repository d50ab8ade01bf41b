package org.gorlj.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;
import org.gorlj.bench.RunRecord;
import org.gorlj.bench.RunStatus;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;

/**
 * A member's training slots: {@code parallel} threads that each claim a run of an active bench
 * (a run whose member was lost first, then a queued one, in the spec's order), restore its stored
 * snapshot into the local run directory, train it in a child JVM as {@code gorl bench} does, store
 * each new checkpoint (with the metrics rows it covers) in the cluster while it trains, and store
 * its final files when it ends. A member claims runs of a bench only while the member that started
 * the bench is in its view of the cluster, so a member cut off from it by a network partition starts
 * nothing new. A member that finds its run claimed by another (after a partition healed) stops its
 * child. Stopping the member (Ctrl-C, SIGTERM) stops its children, stores their latest checkpoints,
 * puts their runs back in the queue and leaves the cluster gracefully (its data moves to the others).
 */
final class ClusterMember implements AutoCloseable {
    private static final long POLL_MILLIS = 300;

    private final HazelcastInstance hz;
    private final PrintStream console;
    private final String address;
    private final ExecutorService slots;
    private final ScheduledExecutorService uploader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-uploader");
        t.setDaemon(true);
        return t;
    });
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final Thread stopHook;
    private volatile List<BenchBoard> boards = List.of();
    private volatile boolean stopping;
    private final UploadStats stats = new UploadStats();

    /** What this member measured of its checkpoint uploads: count, seconds and bytes. */
    static final class UploadStats {
        private long count;
        private double seconds;
        private long bytes;

        synchronized void add(double s, long b) {
            count++;
            seconds += s;
            bytes += b;
        }

        @Override
        public synchronized String toString() {
            return count == 0
                    ? "no checkpoint stored"
                    : String.format(
                            "%d checkpoints stored in the cluster, %.1f ms and %.0f KiB each on average",
                            count, 1000 * seconds / count, bytes / 1024.0 / count);
        }
    }

    /** A run this member claimed: its bench, key and the ticket text it last wrote. */
    private static final class Claim {
        final BenchBoard board;
        final String key;
        volatile String ticket;
        volatile boolean lost;
        long storedSteps = -1;
        FileTime storedStamp;

        Claim(BenchBoard board, String key, String ticket) {
            this.board = board;
            this.key = key;
            this.ticket = ticket;
        }

        BenchSpec.Run run() {
            return board.runs().get(key);
        }
    }

    /** Starts {@code parallel} slots on a started member; they claim runs of the boards given to {@link #setBoards}. */
    ClusterMember(HazelcastInstance hz, int parallel, PrintStream console) {
        this.hz = hz;
        this.console = console;
        this.address = BenchBoard.address(hz.getCluster().getLocalMember());
        hz.getCluster().addMembershipListener(new Watch());
        this.stopHook = new Thread(this::stopFromHook, "cluster-member-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        this.slots = Executors.newFixedThreadPool(parallel, r -> new Thread(r, "cluster-slot"));
        for (int i = 0; i < parallel; i++) {
            slots.execute(this::slotLoop);
        }
    }

    /** This member's {@code host:port}. */
    String address() {
        return address;
    }

    /** This member's UUID now (Hazelcast gives a member a new one when it merges back after a split). */
    String uuid() {
        return hz.getCluster().getLocalMember().getUuid().toString();
    }

    /** The benches whose runs the slots may claim. */
    void setBoards(List<BenchBoard> active) {
        boards = List.copyOf(active);
    }

    /** The upload figures so far. */
    UploadStats stats() {
        return stats;
    }

    private void slotLoop() {
        while (!stopping) {
            try {
                Claim c = claimNext();
                if (c == null) {
                    Thread.sleep(500);
                } else {
                    train(c);
                }
            } catch (InterruptedException e) {
                return;
            } catch (HazelcastInstanceNotActiveException e) {
                return; // the member is shutting down
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    console.println("[error ] cluster slot: " + e);
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims the first run of an active bench that a lost member held, else the first queued one; null if none. */
    private Claim claimNext() {
        Set<String> alive = BenchBoard.memberIds(hz);
        for (BenchBoard b : boards) {
            BenchBoard.Entry e = b.entry();
            if (e == null || !alive.contains(e.origin())) {
                continue; // removed, or its origin is not in our view (gone, or across a partition)
            }
            IMap<String, String> tickets = b.tickets();
            Map<String, String> all = tickets.getAll(b.runs().keySet());
            for (boolean orphansFirst : new boolean[] {true, false}) {
                for (String key : b.runs().keySet()) {
                    String json = all.get(key);
                    RunTicket t = RunTicket.fromJson(json);
                    if (t == null) {
                        continue;
                    }
                    boolean wanted = orphansFirst
                            ? t.state() == RunTicket.State.TRAINING && !alive.contains(t.owner())
                            : t.state() == RunTicket.State.QUEUED;
                    if (wanted) {
                        String next = t.claimedBy(uuid(), address).toJson();
                        if (tickets.replace(key, json, next)) {
                            if (orphansFirst) {
                                console.printf(
                                        "[take  ] %s: its member %s is gone; resuming it here%n",
                                        b.runs().get(key).label(), t.ownerAddress());
                            }
                            return new Claim(b, key, next);
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Trains a claimed run to its end (or until this member stops or loses the claim). */
    private void train(Claim c) throws IOException, InterruptedException {
        BenchSpec.Run r = c.run();
        Path dir = r.dir();
        Files.createDirectories(dir);
        RunSnapshot stored = c.board.snapshot(c.key);
        try (RunLock _ = RunLock.acquire(dir, "cluster member restoring " + dir)) {
            if (stored != null) {
                stored.restore(dir);
                c.storedSteps = stored.steps();
            } else {
                reset(dir);
            }
            if (!Files.exists(new RunDirectory(dir).config())) {
                r.config().write(new RunDirectory(dir).config());
            }
        }
        c.storedStamp = stamp(dir);
        console.printf(
                "[%-6s] %s here (%s)%s -> %s%n",
                stored != null ? "resume" : "start",
                r.label(),
                address,
                stored != null ? String.format(" from step %,d stored in the cluster", stored.steps()) : "",
                dir);
        Process p = Bench.startWorker(dir);
        live.add(p);
        var upload = uploader.scheduleWithFixedDelay(
                () -> {
                    if (!store(c, dir)) {
                        p.destroyForcibly();
                    }
                },
                POLL_MILLIS,
                POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        int code;
        try {
            code = Bench.awaitWorker(p, dir);
        } finally {
            upload.cancel(false);
            live.remove(p);
        }
        synchronized (c) { // waits for an upload under way
            if (c.lost) {
                console.printf("[lost  ] %s: another member holds it now; stopped here%n", r.label());
                return;
            }
        }
        if (stopping) {
            store(c, dir);
            requeue(c);
            return;
        }
        RunStatus s = Bench.status(dir);
        if (code == 0 && s == RunStatus.COMPLETE) {
            end(c, dir, RunTicket.State.DONE, "");
        } else if (s == RunStatus.DIVERGED) {
            end(c, dir, RunTicket.State.DIVERGED, RunRecord.read(dir).diverged());
        } else {
            List<String> lines = Files.readAllLines(dir.resolve(Bench.LOG));
            end(
                    c,
                    dir,
                    RunTicket.State.FAILED,
                    "worker exit code " + code + "; last log line: " + (lines.isEmpty() ? "" : lines.getLast()));
        }
        console.printf("[upload] %s: %s on this member so far%n", r.label(), stats);
    }

    /** Removes what an earlier session left in a run directory that the cluster holds nothing of. */
    private static void reset(Path dir) throws IOException {
        RunDirectory d = new RunDirectory(dir);
        if (Files.isDirectory(d.checkpoints())) {
            try (Stream<Path> old = Files.list(d.checkpoints())) {
                for (Path f : old.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        for (Path f : List.of(d.metrics(), d.diverged(), dir.resolve(RunRecord.FILE))) {
            Files.deleteIfExists(f);
        }
    }

    private static FileTime stamp(Path dir) {
        try {
            return Files.getLastModifiedTime(new RunDirectory(dir).latest());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Stores the run's latest checkpoint cut when it is new; false when another member has claimed
     * the run meanwhile (the caller stops training it).
     */
    private boolean store(Claim c, Path dir) {
        synchronized (c) {
            if (c.lost) {
                return false;
            }
            try {
                FileTime now = stamp(dir);
                if (now == null || now.equals(c.storedStamp)) {
                    return true;
                }
                long t0 = System.nanoTime();
                RunSnapshot s = RunSnapshot.capture(dir);
                if (s == null || s.steps() <= c.storedSteps) {
                    return true;
                }
                byte[] bytes = s.encode();
                if (!put(c, bytes, RunTicket.fromJson(c.ticket).at(s.steps()))) {
                    return false;
                }
                c.storedSteps = s.steps();
                c.storedStamp = now;
                stats.add((System.nanoTime() - t0) * 1e-9, bytes.length);
                return true;
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    console.println(
                            "[error ] storing a checkpoint of " + c.run().label() + ": " + e);
                }
                return true;
            }
        }
    }

    /** Stores a snapshot and the next ticket under the run's lock, if the ticket is still ours. */
    private boolean put(Claim c, byte[] snapshot, RunTicket next) {
        IMap<String, byte[]> snaps = c.board.snapshots();
        snaps.lock(c.key);
        try {
            if (!c.ticket.equals(c.board.tickets().get(c.key))) {
                c.lost = true;
                return false;
            }
            snaps.set(c.key, snapshot);
            String json = next.toJson();
            if (!c.board.tickets().replace(c.key, c.ticket, json)) {
                c.lost = true;
                return false;
            }
            c.ticket = json;
            return true;
        } finally {
            snaps.unlock(c.key);
        }
    }

    private void end(Claim c, Path dir, RunTicket.State state, String why) throws IOException {
        synchronized (c) {
            RunSnapshot all = RunSnapshot.captureAll(dir);
            if (!put(c, all.encode(), RunTicket.fromJson(c.ticket).ended(state, all.steps(), why))) {
                console.printf(
                        "[lost  ] %s: another member holds it now%n", c.run().label());
            }
        }
    }

    private void requeue(Claim c) {
        synchronized (c) {
            if (!c.lost) {
                c.board
                        .tickets()
                        .replace(
                                c.key,
                                c.ticket,
                                RunTicket.fromJson(c.ticket).requeued().toJson());
            }
        }
    }

    /** Records lost members (on the oldest member only, so once) and says so on every member. */
    private final class Watch implements MembershipListener {
        private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cluster-lost-recorder");
            t.setDaemon(true);
            return t;
        });

        @Override
        public void memberAdded(MembershipEvent e) {
            console.printf(
                    "[member] %s joined (%d members)%n",
                    BenchBoard.address(e.getMember()), e.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent e) {
            String lostAddress = BenchBoard.address(e.getMember());
            String lostId = e.getMember().getUuid().toString();
            console.printf(
                    "[member] %s left or was lost (%d members)%n",
                    lostAddress, e.getMembers().size());
            recorder.execute(() -> record(lostId, lostAddress));
        }

        private void record(String lostId, String lostAddress) {
            try {
                if (!hz.getCluster().getMembers().iterator().next().localMember()) {
                    return;
                }
                List<String> held = new ArrayList<>();
                for (String json : BenchBoard.benches(hz).values()) {
                    BenchBoard.Entry e = BenchBoard.Entry.fromJson(json);
                    String id = BenchBoard.id(e.name(), e.spec());
                    IMap<String, String> tickets = hz.getMap(ClusterNode.MAP_PREFIX + "tickets." + id);
                    tickets.forEach((k, v) -> {
                        RunTicket t = RunTicket.fromJson(v);
                        if (t.state() == RunTicket.State.TRAINING && lostId.equals(t.owner())) {
                            held.add(e.name() + " " + k + " at step " + t.steps());
                        }
                    });
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("address", lostAddress);
                m.put("uuid", lostId);
                m.put("at_millis", System.currentTimeMillis());
                m.put("held", held);
                BenchBoard.lost(hz).add(new ObjectMapper().writeValueAsString(m));
            } catch (IOException | RuntimeException ignored) {
                // the member is shutting down, or the record could not be written: it is for people only
            }
        }
    }

    private void stopFromHook() {
        stopping = true;
        live.forEach(Process::destroy);
        slots.shutdown();
        try {
            slots.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (hz.getLifecycleService().isRunning()) {
            hz.shutdown();
        }
    }

    /** Stops the slots (they finish nothing more), then leaves the cluster gracefully. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopHook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook does it
        }
        stopFromHook();
    }
}
