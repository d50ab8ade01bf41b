package org.gorlj.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;
import org.gorlj.bench.Results;
import org.gorlj.bench.RunStatus;
import org.gorlj.cluster.ClusterBench;
import org.gorlj.cluster.ClusterNode;
import org.gorlj.cluster.ClusterSecret;
import org.gorlj.cluster.ClusterStatus;
import org.gorlj.cluster.MemberAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl bench}: run a benchmark spec, resumably, and write its results. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run a benchmark spec (tasks x algorithms x seeds, see docs/bench.md): one run directory per run, "
                    + "complete runs skipped, interrupted ones resumed; writes results.csv, results.md and one PNG per task.",
            "Exit code 0 when every run is complete, 1 when a run failed, diverged or was being trained by another process, "
                    + "2 for a bad spec, a garbage bench.json or an unwritable \"out\" or \"results\" directory (checked before "
                    + "anything is trained)."
        })
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "bench spec (JSON)")
    Path spec;

    @Option(names = "--parallel", description = "runs at once (default: the spec's \"parallel\", else one per core)")
    Integer parallel;

    @Option(
            names = "--table-only",
            description = "train nothing: regenerate the results from the existing run directories")
    boolean tableOnly;

    @Option(
            names = "--status",
            description = "train and write nothing: print each run's status, steps and last evaluation")
    boolean status;

    @Option(
            names = "--cluster",
            paramLabel = "MEMBERS",
            description = "train the runs on a cluster of machines: host[:port],... of its members (docs/cluster.md)")
    String cluster;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "with --cluster: the cluster's shared secret (default ~/.gorl/cluster-secret)")
    Path secretFile;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description =
                    "with --cluster: this member's address (default: the first entry of MEMBERS that is local and free)")
    String listen;

    @Override
    public Integer call() throws Exception {
        if (parallel != null && parallel < 1) {
            throw Main.bad("--parallel must be at least 1, got " + parallel);
        }
        if (status && tableOnly) {
            throw Main.bad("--status and --table-only exclude each other");
        }
        if (cluster == null && (secretFile != null || listen != null)) {
            throw Main.bad("--secret-file and --listen go with --cluster");
        }
        if (cluster != null && tableOnly) {
            throw Main.bad("--table-only works on the run directories here; leave out --cluster");
        }
        List<MemberAddress> members = cluster == null ? null : MemberAddress.parseList(cluster);
        ClusterSecret secret = cluster == null ? null : WorkerCommand.secret(secretFile);
        BenchSpec s = BenchSpec.read(spec);
        if (cluster != null) {
            String text = Files.readString(spec, StandardCharsets.UTF_8);
            if (status) {
                var client = ClusterNode.connectClient(members, secret);
                try {
                    ClusterStatus.print(s, text, client, System.out);
                } finally {
                    client.shutdown();
                }
                return 0;
            }
            MemberAddress me = ClusterNode.chooseListen(
                    members,
                    listen == null ? null : MemberAddress.parseList(listen).getFirst());
            int p = parallel != null ? parallel : s.parallel() > 0 ? s.parallel() : Bench.defaultParallelism();
            ClusterBench.run(s, text, ClusterNode.startMember(members, me, secret), p, System.out);
            return s.runs().stream().allMatch(r -> Bench.status(r.dir()) == RunStatus.COMPLETE) ? 0 : 1;
        }
        if (status) {
            Bench.printStatus(s, System.out);
            return 0;
        }
        if (tableOnly) {
            Bench.checkDirectories(s);
            Bench.requireWritable(s.results());
            Results.write(s);
            System.out.println("results: " + s.results().resolve("results.md") + ", "
                    + s.results().resolve("results.csv") + " and one PNG per task in " + s.results());
            return 0;
        }
        int p = parallel != null ? parallel : s.parallel() > 0 ? s.parallel() : Bench.defaultParallelism();
        Bench.run(s, p, System.out);
        return s.runs().stream().allMatch(r -> Bench.status(r.dir()) == RunStatus.COMPLETE) ? 0 : 1;
    }
}
