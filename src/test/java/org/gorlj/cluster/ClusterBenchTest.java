package org.gorlj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;
import org.gorlj.bench.Results;
import org.gorlj.run.MetricsLog;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members in separate JVMs on one machine run a tiny bench (two seeds of PPO on classic/two-modes)
 * to completion with the numbers of a single-machine bench: three members of which a worker is
 * killed with SIGKILL while it trains (another resumes its run from the checkpoint stored in the
 * cluster), and two members of which the worker is cut off by a network partition (in a network
 * namespace, where this machine allows one).
 */
@Tag("slow") // several JVMs, each training or starting Hazelcast: about a minute per test on a busy machine
class ClusterBenchTest {
    static final String SETTINGS = "\"num_envs=2\", \"num_steps=32\", \"num_minibatches=2\", \"update_epochs=2\","
            + " \"eval_episodes=50\", \"eval_every=640\", \"checkpoint_every=2\"";
    /** Long enough that a worker still trains seconds after its first checkpoints on a fast machine. */
    static final long STEPS = 6400;

    static final List<String> TIMING = List.of("wall_clock_s", "sps", "peak_rss_mb", "run_dir");

    @TempDir
    static Path shared;

    static Path secretFile;
    static Map<String, List<String>> referenceMetrics;
    static List<String> referenceResults;

    private final List<Process> workers = new ArrayList<>();

    @BeforeAll
    static void singleMachineReference() throws Exception {
        secretFile = Files.writeString(shared.resolve("secret"), "a secret of the test cluster, 32 bytes");
        BenchSpec spec = BenchSpec.read(specFile(shared.resolve("reference")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Bench.run(spec, 2, new PrintStream(out, true)))
                .as(out.toString())
                .isEqualTo(new Bench.Outcome(0, 2, 0, 0));
        referenceMetrics = metrics(spec);
        referenceResults = results(spec);
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process p : workers) {
            p.destroy(); // SIGTERM: the worker leaves the cluster and stops its children
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Three members (the origin here, two workers in their own JVMs) share the bench; a worker that
     * trains a run is killed with SIGKILL, a member that lives (the other worker, or the origin when
     * its slot is free first) resumes that run from the checkpoint the cluster stored, and the origin
     * gathers what was trained elsewhere: the results and every metrics row are those of the
     * single-machine bench.
     */
    @Test
    void aKilledMembersRunResumesElsewhereWithTheNumbersOfOneMachine(@TempDir Path tmp) throws Exception {
        List<MemberAddress> members = addresses("127.0.0.1", 3);
        Process w1 = startWorker(tmp.resolve("w1"), members, 1, null);
        Process w2 = startWorker(tmp.resolve("w2"), members, 2, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.readString(tmp.resolve("w1/worker.log")).contains("2 members")
                        || Files.readString(tmp.resolve("w2/worker.log")).contains("2 members"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // the workers found each other
        }
        // One client for every status read, connected before any run starts: connecting takes seconds
        // on a busy machine, in which the victim's run could end or the bench finish after the loss.
        HazelcastInstance client = ClusterNode.connectClient(members, ClusterSecret.read(secretFile));
        Origin origin = Origin.start(tmp.resolve("origin"), members, members.getFirst());
        Process victim = null;
        int victimIndex = 0;
        while (victim == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (storedRows(tmp.resolve("w1")) >= 4) {
                victim = w1;
                victimIndex = 1;
            } else if (storedRows(tmp.resolve("w2")) >= 4) {
                victim = w2;
                victimIndex = 2;
            }
        }
        assertThat(victim).as("a worker trains a run: " + origin.log()).isNotNull();
        MemberAddress victimAddress = members.get(victimIndex);
        MemberAddress other = members.get(3 - victimIndex);
        Thread.sleep(700); // its latest checkpoint is stored (every 300 ms)
        assertThat(status(client, origin))
                .containsPattern(
                        "\\[training\\] classic/two-modes ppo seed \\d: [1-9][0-9,]* of 6,400 steps \\(\\d+ %\\) on "
                                + victimAddress)
                .contains("cluster: 3 members")
                .contains("members lost: none");
        long killed = System.nanoTime();
        victim.destroyForcibly(); // SIGKILL
        String afterwards = status(client, origin);
        while (!afterwards.contains("members lost: 1") && System.nanoTime() < deadline) {
            Thread.sleep(20); // the oldest member records the loss (the bench may have ended by then)
            afterwards = status(client, origin);
        }
        client.shutdown();
        assertThat(afterwards).contains("members lost: 1").contains("  " + victimAddress + " at ");
        // the run resumes on a member that lives: the other worker, or the origin if its own slot is free first
        Pattern resumed = Pattern.compile("\\[resume\\] classic/two-modes ppo seed \\d on (\\S+) from step [1-9]");
        String resumedOn = null;
        while (resumedOn == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            Matcher m = resumed.matcher(origin.log());
            resumedOn = m.find() ? m.group(1) : null;
        }
        System.out.printf(
                "from SIGKILL to the run's resumption on %s, as the origin sees it: %.1f s%n",
                resumedOn, (System.nanoTime() - killed) * 1e-9);
        assertThat(resumedOn).as(origin.log()).isIn(members.getFirst().toString(), other.toString());
        Bench.Outcome outcome = origin.await();
        assertThat(outcome).as(origin.log()).isEqualTo(new Bench.Outcome(0, 2, 0, 0));
        if (origin.log().contains("[done  ] classic/two-modes ppo seed 1 on " + other)
                || origin.log().contains("[done  ] classic/two-modes ppo seed 2 on " + other)) {
            assertThat(origin.log()).contains("[gather] classic/two-modes ppo seed"); // trained elsewhere, copied here
        }
        System.out.printf(
                "killed a member %.1f s before the end of the bench; origin's log:%n%s%n",
                (System.nanoTime() - killed) * 1e-9, origin.log());
        assertThat(metrics(origin.spec)).isEqualTo(referenceMetrics);
        assertThat(results(origin.spec)).isEqualTo(referenceResults);
    }

    /**
     * A member in its own network namespace (joined to this one by a veth pair) trains a run when its
     * link goes down: the origin loses it after {@link ClusterNode#NO_HEARTBEAT_SECONDS}, resumes its run
     * from the stored checkpoint, and after the link is back every run is complete once, with the
     * numbers of one machine.
     */
    @Test
    void aPartitionedMembersRunCompletesOnce(@TempDir Path tmp) throws Exception {
        String why = NetworkNamespace.unavailable();
        if (why != null) {
            System.out.println("ClusterBenchTest.aPartitionedMembersRunCompletesOnce skipped: " + why);
            Assumptions.abort(why);
        }
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            MemberAddress here = new MemberAddress(NetworkNamespace.HOST_SIDE, ClusterSecretTest.freePort());
            MemberAddress there = new MemberAddress(NetworkNamespace.NAMESPACE_SIDE, 5701);
            List<MemberAddress> members = List.of(here, there);
            startWorker(tmp.resolve("w1"), members, 1, ns);
            Origin origin = Origin.start(tmp.resolve("origin"), members, here);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (storedRows(tmp.resolve("w1")) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(storedRows(tmp.resolve("w1"))).as(origin.log()).isGreaterThanOrEqualTo(4);
            Thread.sleep(700);
            String beforeTheCut = origin.log();
            ns.link(false);
            assertThat(beforeTheCut)
                    .as("the worker still trains when its link goes down")
                    .doesNotContainPattern("\\[done  \\] .* on " + Pattern.quote(there.toString()));
            long waited = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String lost = there + " left or was lost";
            while (!origin.log().contains(lost) && System.nanoTime() < waited) {
                Thread.sleep(200);
            }
            ns.link(true);
            Bench.Outcome outcome = origin.await();
            System.out.println("origin's log:\n" + origin.log());
            assertThat(origin.log()).contains(lost).containsPattern("resum.* from step [1-9]");
            assertThat(outcome).as(origin.log()).isEqualTo(new Bench.Outcome(0, 2, 0, 0));
            for (String seed : List.of("seed 1", "seed 2")) {
                assertThat(origin.log().split("\\[done  \\] classic/two-modes ppo " + seed, -1))
                        .as("done once: " + seed)
                        .hasSize(2);
            }
            assertThat(metrics(origin.spec)).isEqualTo(referenceMetrics);
            assertThat(results(origin.spec)).isEqualTo(referenceResults);
        }
    }

    /** The bench origin, in this JVM, on its own thread. */
    record Origin(
            BenchSpec spec,
            Path file,
            ByteArrayOutputStream out,
            Future<Bench.Outcome> outcome,
            ExecutorService thread) {
        static Origin start(Path dir, List<MemberAddress> members, MemberAddress listen) throws Exception {
            Path file = specFile(dir);
            BenchSpec spec = BenchSpec.read(file);
            String text = Files.readString(file);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
            HazelcastInstance hz = ClusterNode.startMember(members, listen, ClusterSecret.read(secretFile));
            ExecutorService t = Executors.newSingleThreadExecutor();
            return new Origin(spec, file, out, t.submit(() -> ClusterBench.run(spec, text, hz, 1, console)), t);
        }

        Bench.Outcome await() throws Exception {
            try {
                return outcome.get(240, TimeUnit.SECONDS);
            } finally {
                thread.shutdownNow();
            }
        }

        String log() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** What {@code gorl bench SPEC --status --cluster} prints now, read through {@code client}. */
    static String status(HazelcastInstance client, Origin origin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClusterStatus.print(
                origin.spec, Files.readString(origin.file), client, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Starts {@code gorl worker} listening on {@code members.get(listen)}, in {@code ns} unless null. */
    private Process startWorker(Path work, List<MemberAddress> members, int listen, NetworkNamespace ns)
            throws IOException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(ns.exec());
        }
        cmd.addAll(JvmOptions.javaCommand());
        cmd.addAll(List.of(
                "org.gorlj.cli.Main",
                "worker",
                "--cluster",
                String.join(",", members.stream().map(MemberAddress::toString).toList()),
                "--secret-file",
                secretFile.toString(),
                "--parallel",
                "1",
                "--work",
                work.toString()));
        cmd.addAll(List.of("--listen", members.get(listen).toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("worker.log").toFile())
                .start();
        workers.add(p);
        return p;
    }

    static Path specFile(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(
                dir.resolve("tiny.json"), """
                {"tasks": ["classic/two-modes"], "algorithms": ["ppo"], "seeds": 2, "steps": %d, "set": [%s],
                 "out": "%s", "results": "%s"}
                """.formatted(STEPS, SETTINGS, dir.resolve("runs"), dir.resolve("results")));
    }

    static List<MemberAddress> addresses(String host, int n) throws Exception {
        List<MemberAddress> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new MemberAddress(host, ClusterSecretTest.freePort()));
        }
        return out;
    }

    /** The most metrics rows of any run a worker trains under {@code work} (0 for none). */
    static long storedRows(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(work)) {
            long most = 0;
            for (Path m : files.filter(f -> f.getFileName().toString().equals("metrics.csv"))
                    .toList()) {
                most = Math.max(most, Files.readAllLines(m).size() - 1);
            }
            return most;
        }
    }

    /** Each run's metrics rows without the wall-clock columns, by seed. */
    static Map<String, List<String>> metrics(BenchSpec spec) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (BenchSpec.Run r : spec.runs()) {
            List<String> rows = new ArrayList<>();
            for (Map<String, String> row : MetricsLog.read(r.dir().resolve("metrics.csv"))) {
                Map<String, String> kept = new LinkedHashMap<>(row);
                kept.keySet().removeAll(MetricsLog.WALL_CLOCK_COLUMNS);
                rows.add(kept.toString());
            }
            out.put("seed " + r.seed(), rows);
        }
        return out;
    }

    /** results.csv without the columns of time, memory and place. */
    static List<String> results(BenchSpec spec) throws IOException {
        List<String> lines = Files.readAllLines(spec.results().resolve("results.csv"));
        List<String> header = List.of(lines.getFirst().split(",", -1));
        assertThat(header).isEqualTo(Results.CSV_COLUMNS);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!TIMING.contains(header.get(i))) {
                    kept.add(cells[i]);
                }
            }
            out.add(String.join(",", kept));
        }
        return out;
    }
}
