package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gorlj.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's queue passes a branch over while its trunk trains towards the branch's step. */
class RunQueueTest {
    @Test
    void aBranchWaitsForItsTrunksCheckpointWithoutHoldingAWorker(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("b.json");
        Files.writeString(f, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 2, "steps": 640, "set": [%s],
                 "branches": [{"name": "b", "from": "ppo", "at_step": 320}], "out": "%s", "results": "%s"}
                """.formatted(BenchRunTest.SMALL, tmp.resolve("runs"), tmp.resolve("results")));
        List<BenchSpec.Run> runs = BenchSpec.read(f).runs();
        BenchSpec.Run trunk1 = find(runs, "ppo", 1), branch1 = find(runs, "b", 1);
        BenchSpec.Run trunk2 = find(runs, "ppo", 2), branch2 = find(runs, "b", 2);
        RunQueue queue = new RunQueue(List.of(trunk1, branch1, trunk2, branch2));

        assertThat(queue.next()).isEqualTo(trunk1);
        assertThat(queue.next())
                .as("branch 1 is passed over: trunk 1 has no checkpoint at 320 yet")
                .isEqualTo(trunk2);

        Path kept = new RunDirectory(trunk1.dir()).stepCheckpoint(320);
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "a checkpoint");
        assertThat(queue.next()).as("trunk 1 kept its checkpoint").isEqualTo(branch1);

        queue.done(trunk2); // ended without the checkpoint (e.g. it failed): the fork reports it
        assertThat(queue.next()).isEqualTo(branch2);
        assertThat(queue.next()).isNull();
    }

    private static BenchSpec.Run find(List<BenchSpec.Run> runs, String method, long seed) {
        return runs.stream()
                .filter(r -> r.method().name().equals(method) && r.seed() == seed)
                .findFirst()
                .orElseThrow();
    }
}
