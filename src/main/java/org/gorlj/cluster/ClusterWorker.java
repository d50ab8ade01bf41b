package org.gorlj.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gorlj.bench.BenchSpec;
import org.gorlj.util.UserInputException;

/**
 * {@code gorl worker --cluster MEMBERS}: lends this machine to the cluster's benches. It reads each
 * bench's spec from the cluster, with its {@code out} and {@code results} moved under this worker's
 * own directory ({@code WORK/<bench id>/runs}), and trains the bench's runs in its slots until it is
 * stopped (Ctrl-C or SIGTERM: its runs go back to the queue with their latest checkpoints).
 */
public final class ClusterWorker {
    private ClusterWorker() {}

    /** Serves the cluster's benches until this JVM is stopped. */
    public static void run(HazelcastInstance hz, Path work, int parallel, PrintStream console)
            throws InterruptedException {
        ClusterMember member = new ClusterMember(hz, parallel, console);
        console.printf(
                "worker %s: %d slots, run directories under %s; %d members in the cluster%n",
                member.address(), parallel, work, hz.getCluster().getMembers().size());
        if (hz.getCluster().getMembers().size() == 1) {
            console.println("worker: no other member answered yet (none started, or another secret); waiting");
        }
        Map<String, BenchBoard> known = new HashMap<>();
        Set<String> refused = new HashSet<>();
        try {
            while (hz.getLifecycleService().isRunning()) {
                Map<String, String> entries = new HashMap<>(BenchBoard.benches(hz));
                List<BenchBoard> active = new ArrayList<>();
                for (Map.Entry<String, String> e : entries.entrySet()) {
                    BenchBoard b = known.get(e.getKey());
                    if (b == null && !refused.contains(e.getKey())) {
                        try {
                            BenchBoard.Entry entry = BenchBoard.Entry.fromJson(e.getValue());
                            b = new BenchBoard(hz, e.getKey(), localSpec(entry, work.resolve(e.getKey())));
                            known.put(e.getKey(), b);
                            console.printf(
                                    "[bench ] %s from %s: %d runs%n",
                                    entry.name(),
                                    entry.originAddress(),
                                    b.runs().size());
                        } catch (UserInputException | IOException ex) {
                            refused.add(e.getKey());
                            console.printf(
                                    "[refuse] bench %s: this worker cannot read its spec: %s%n",
                                    e.getKey(), ex.getMessage());
                        }
                    }
                    if (b != null) {
                        active.add(b);
                    }
                }
                known.keySet().retainAll(entries.keySet());
                member.setBoards(active);
                Thread.sleep(1000);
            }
        } catch (HazelcastInstanceNotActiveException stopped) {
            // the shutdown hook stopped the member
        }
    }

    /**
     * The spec of a bench as this worker reads it: the origin's text with {@code name} fixed and
     * {@code out} and {@code results} under {@code dir}, written to {@code dir/spec.json}.
     */
    static BenchSpec localSpec(BenchBoard.Entry entry, Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec;
        try {
            spec = (ObjectNode) json.readTree(entry.spec());
        } catch (IOException | ClassCastException e) {
            throw new UserInputException("not a JSON object");
        }
        spec.put("name", entry.name());
        spec.put("out", dir.resolve("runs").toAbsolutePath().toString());
        spec.put("results", dir.resolve("results").toAbsolutePath().toString());
        Files.createDirectories(dir);
        Path file = dir.resolve("spec.json");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(spec), StandardCharsets.UTF_8);
        return BenchSpec.read(file);
    }
}
