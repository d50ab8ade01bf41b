package org.gorlj.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gorlj.bench.Bench;
import org.gorlj.cluster.ClusterNode;
import org.gorlj.cluster.ClusterSecret;
import org.gorlj.cluster.ClusterWorker;
import org.gorlj.cluster.MemberAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gorl worker}: lend this machine to the benches of a cluster. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Join a cluster of GoRL-J members and train runs of the benches started there with"
                    + " 'gorl bench SPEC --cluster MEMBERS' (docs/cluster.md), until stopped (Ctrl-C: its runs go back"
                    + " to the queue with their latest checkpoints).",
            "Exit code 2 for a bad member list, a missing secret file or an address this machine cannot listen on."
        })
final class WorkerCommand implements Callable<Integer> {
    @Option(
            names = "--cluster",
            required = true,
            paramLabel = "MEMBERS",
            description = "host[:port],... of the cluster's members (port 5701 when left out)")
    String cluster;

    @Option(names = "--parallel", description = "runs at once on this machine (default: one per core)")
    Integer parallel;

    @Option(
            names = "--secret-file",
            paramLabel = "FILE",
            description = "the cluster's shared secret (default ~/.gorl/cluster-secret)")
    Path secretFile;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description = "this member's address (default: the first entry of MEMBERS that is local and free)")
    String listen;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "where this worker keeps the run directories it trains (default runs/cluster)")
    Path work = Path.of("runs", "cluster");

    @Override
    public Integer call() throws Exception {
        if (parallel != null && parallel < 1) {
            throw Main.bad("--parallel must be at least 1, got " + parallel);
        }
        List<MemberAddress> members = MemberAddress.parseList(cluster);
        ClusterSecret secret = secret(secretFile);
        MemberAddress me = ClusterNode.chooseListen(
                members, listen == null ? null : MemberAddress.parseList(listen).getFirst());
        Bench.requireWritable(work);
        ClusterWorker.run(
                ClusterNode.startMember(members, me, secret),
                work,
                parallel != null ? parallel : Bench.defaultParallelism(),
                System.out);
        return 0;
    }

    /** Reads the secret file (the default one when null), warning when others may read it. */
    static ClusterSecret secret(Path file) {
        Path f = file != null ? file : ClusterSecret.defaultFile();
        ClusterSecret s = ClusterSecret.read(f);
        if (ClusterSecret.readableByOthers(f)) {
            System.err.println("warning: " + f + " is readable by other users; 'chmod 600 " + f + "'");
        }
        return s;
    }
}
