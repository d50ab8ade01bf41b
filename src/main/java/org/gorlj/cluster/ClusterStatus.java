package org.gorlj.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gorlj.bench.Bench;
import org.gorlj.bench.BenchSpec;

/**
 * {@code gorl bench SPEC --status --cluster MEMBERS}: through a client connection (it does not join
 * the cluster), prints the members, each run of the bench with its state, the member training it and
 * the steps of its latest stored checkpoint, and the members the cluster lost so far. A bench that is
 * not in the cluster (not started, or finished) gets the single-machine status of the run directories
 * here, and the members lost all the same (the list belongs to the cluster, not to a bench).
 */
public final class ClusterStatus {
    private ClusterStatus() {}

    /** Prints the status; {@code specText} is the spec file's text. */
    public static void print(BenchSpec spec, String specText, HazelcastInstance client, PrintStream console)
            throws IOException {
        String id = BenchBoard.id(spec.name(), specText);
        List<Member> members = List.copyOf(client.getCluster().getMembers());
        console.printf(
                "cluster: %d members: %s%n",
                members.size(),
                String.join(", ", members.stream().map(BenchBoard::address).toList()));
        BenchBoard board = new BenchBoard(client, id, spec);
        BenchBoard.Entry entry = board.entry();
        if (entry == null) {
            console.printf(
                    "bench %s (%s) is not in the cluster (not started there, or finished); here:%n", spec.name(), id);
            Bench.printStatus(spec, console);
            printLostMembers(client, console);
            return;
        }
        java.util.Set<String> alive = BenchBoard.memberIds(client);
        console.printf(
                "bench %s (%s), started %s at %s%s%n",
                spec.name(),
                id,
                Instant.ofEpochMilli(entry.startedMillis()),
                entry.originAddress(),
                alive.contains(entry.origin()) ? "" : " (that member is gone: no new run starts until it is back)");
        Map<String, Integer> counts = new TreeMap<>();
        List<RunTicket> tickets = board.ticketsInOrder();
        List<BenchSpec.Run> runs = List.copyOf(board.runs().values());
        long now = System.currentTimeMillis();
        for (int i = 0; i < runs.size(); i++) {
            BenchSpec.Run r = runs.get(i);
            RunTicket t = tickets.get(i);
            String state = t == null ? "missing" : t.state().name().toLowerCase(java.util.Locale.ROOT);
            counts.merge(state, 1, Integer::sum);
            StringBuilder line = new StringBuilder(String.format("[%-8s] %s", state, r.label()));
            if (t != null) {
                line.append(String.format(
                        ": %,d of %,d steps (%.0f %%)", t.steps(), r.steps(), 100.0 * t.steps() / r.steps()));
                if (t.state() == RunTicket.State.TRAINING) {
                    line.append(" on ").append(t.ownerAddress());
                    if (!alive.contains(t.owner())) {
                        line.append(" (member lost: resumes on the next free slot)");
                    }
                }
                if (!t.ownerAddress().isEmpty() && t.state().ended()) {
                    line.append(" by ").append(t.ownerAddress());
                }
                line.append(String.format(
                        ", %s session(s), changed %.0f s ago", t.sessions(), (now - t.updatedMillis()) / 1000.0));
                if (!t.note().isEmpty() && !t.note().equals("before")) {
                    line.append("; ").append(t.note());
                }
            }
            console.println(line);
        }
        console.printf(
                "bench %s: %d runs: %s%n",
                spec.name(),
                runs.size(),
                String.join(
                        ", ",
                        counts.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .toList()));
        printLostMembers(client, console);
    }

    private static void printLostMembers(HazelcastInstance client, PrintStream console) throws IOException {
        List<String> lost = List.copyOf(BenchBoard.lost(client));
        ObjectMapper json = new ObjectMapper();
        console.printf("members lost: %s%n", lost.isEmpty() ? "none" : lost.size());
        for (String l : lost) {
            Map<?, ?> m = json.readValue(l, Map.class);
            console.printf(
                    "  %s at %s, holding %s%n",
                    m.get("address"),
                    Instant.ofEpochMilli(((Number) m.get("at_millis")).longValue()),
                    m.get("held") instanceof List<?> held && !held.isEmpty() ? held : "no run");
        }
    }
}
