package org.gorlj.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.collection.IList;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gorlj.bench.BenchSpec;

/**
 * One bench in the cluster: its entry in the bench map ({@link Entry}: the spec's text and the member
 * that started it), its ticket map (run key to {@link RunTicket} JSON) and its snapshot map (run key
 * to {@link RunSnapshot} bytes). A run's key is its directory relative to the spec's {@code out},
 * which every member derives from the same spec text.
 */
public final class BenchBoard {
    /** The map of the cluster's benches: bench id to {@link Entry} JSON. */
    static final String BENCHES = ClusterNode.MAP_PREFIX + "benches";
    /** The list of members lost, one JSON object each (see {@link ClusterMember}). */
    static final String LOST = ClusterNode.MAP_PREFIX + "lost-members";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A bench's entry in the bench map.
     *
     * @param name the spec's name
     * @param spec the spec file's text
     * @param origin UUID of the member that started the bench (its results are gathered there)
     * @param originAddress that member's {@code host:port}
     * @param startedMillis when it started
     */
    public record Entry(String name, String spec, String origin, String originAddress, long startedMillis) {
        String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Entry fromJson(String json) {
            try {
                return JSON.readValue(json, Entry.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a bench entry in the cluster is not one: " + json, e);
            }
        }
    }

    private final HazelcastInstance hz;
    private final String id;
    private final BenchSpec spec;
    private final Map<String, BenchSpec.Run> runs = new LinkedHashMap<>();

    /** The board of bench {@code id} whose spec, as read on this member, is {@code spec}. */
    BenchBoard(HazelcastInstance hz, String id, BenchSpec spec) {
        this.hz = hz;
        this.id = id;
        this.spec = spec;
        for (BenchSpec.Run r : spec.runs()) {
            runs.put(key(spec, r), r);
        }
    }

    /** The id of a bench: its name and the first 12 hex digits of the SHA-256 of its spec text. */
    static String id(String name, String specText) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(specText.getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The key of a run: its directory relative to the spec's {@code out}, with {@code /}. */
    static String key(BenchSpec spec, BenchSpec.Run r) {
        return spec.out()
                .toAbsolutePath()
                .normalize()
                .relativize(r.dir().toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    }

    /** The bench's id. */
    String id() {
        return id;
    }

    /** The spec as read on this member. */
    BenchSpec spec() {
        return spec;
    }

    /** Run keys in the spec's order, with their runs. */
    Map<String, BenchSpec.Run> runs() {
        return runs;
    }

    /** The bench map of the cluster. */
    static IMap<String, String> benches(HazelcastInstance hz) {
        return hz.getMap(BENCHES);
    }

    /** The list of members lost. */
    static IList<String> lost(HazelcastInstance hz) {
        return hz.getList(LOST);
    }

    /** The bench's ticket map. */
    IMap<String, String> tickets() {
        return hz.getMap(ClusterNode.MAP_PREFIX + "tickets." + id);
    }

    /** The bench's snapshot map. */
    IMap<String, byte[]> snapshots() {
        return hz.getMap(ClusterNode.MAP_PREFIX + "snapshots." + id);
    }

    /** The bench's entry in the cluster, or null when it is not (or no longer) there. */
    Entry entry() {
        String json = benches(hz).get(id);
        return json == null ? null : Entry.fromJson(json);
    }

    /** The stored snapshot of a run, or null. */
    RunSnapshot snapshot(String key) throws IOException {
        byte[] b = snapshots().get(key);
        return b == null ? null : RunSnapshot.decode(b);
    }

    /** The UUIDs of the cluster's members now. */
    static Set<String> memberIds(HazelcastInstance hz) {
        return hz.getCluster().getMembers().stream()
                .map(m -> m.getUuid().toString())
                .collect(Collectors.toSet());
    }

    /** A member's {@code host:port}. */
    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** Every ticket of the bench in the spec's order (null for a run without one). */
    List<RunTicket> ticketsInOrder() {
        Map<String, String> all = tickets().getAll(runs.keySet());
        return runs.keySet().stream().map(k -> RunTicket.fromJson(all.get(k))).toList();
    }

    /** Removes the bench and its maps from the cluster (when its origin has gathered everything). */
    void remove() {
        tickets().destroy();
        snapshots().destroy();
        benches(hz).remove(id);
    }
}
