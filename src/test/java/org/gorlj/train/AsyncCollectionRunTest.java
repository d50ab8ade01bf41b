package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.ppo.AbstractPpoAlgorithm;
import org.gorlj.run.CheckpointData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs with {@code async_collection=true}: the same seed gives the same rows whatever the threads'
 * timing (a run alone and two side by side), and a run killed with a rollout collected ahead in its
 * checkpoint resumes to the rows of an uninterrupted run, for PPO and for GoRL-PPO across a stage boundary.
 */
@Tag("slow") // separate JVMs for the kill and resume
class AsyncCollectionRunTest {
    static final String ASYNC = "async_collection=true";

    static RunConfig smallAsync(long steps, long seed) {
        List<String> o = new ArrayList<>(TrainingRunTest.SMALL);
        o.add("total_steps=" + steps);
        o.add("seed=" + seed);
        o.add(ASYNC);
        return RunConfig.resolve("classic/pendulum", "ppo", "auto", o);
    }

    /**
     * One run in this JVM and two side by side as separate processes (competing for the cores, so
     * the collector and the learner finish in other orders), one of them stepping on two threads.
     */
    @Test
    void sameSeedSameRowsAloneAndSideBySide(@TempDir Path tmp) throws Exception {
        Trainer.create(tmp.resolve("alone"), smallAsync(640, 7), null).train();
        Process a = TrainingRunTest.startCli(tmp.resolve("a.log"), cliArgs(tmp.resolve("a"), "env_threads=1"));
        Process b = TrainingRunTest.startCli(tmp.resolve("b.log"), cliArgs(tmp.resolve("b"), "env_threads=2"));
        assertThat(a.waitFor()).as(Files.readString(tmp.resolve("a.log"))).isZero();
        assertThat(b.waitFor()).as(Files.readString(tmp.resolve("b.log"))).isZero();
        Trainer.create(tmp.resolve("sync"), TrainingRunTest.small(640, 7), null).train();
        List<Map<String, String>> alone = TrainingRunTest.deterministicRows(tmp.resolve("alone/metrics.csv"));
        assertThat(alone).hasSize(10);
        TrainingRunTest.assertSameRows(TrainingRunTest.deterministicRows(tmp.resolve("a/metrics.csv")), alone);
        TrainingRunTest.assertSameRows(TrainingRunTest.deterministicRows(tmp.resolve("b/metrics.csv")), alone);

        // the same steps and episodes counted as the synchronous loop, but other numbers (the collector lags)
        List<Map<String, String>> sync = TrainingRunTest.deterministicRows(tmp.resolve("sync/metrics.csv"));
        assertThat(column(alone, "global_step")).isEqualTo(column(sync, "global_step"));
        assertThat(column(alone, "episodes")).isEqualTo(column(sync, "episodes"));
        assertThat(alone.getFirst().get("policy_loss"))
                .isNotEqualTo(sync.getFirst().get("policy_loss"));
    }

    private static String[] cliArgs(Path out, String threads) {
        List<String> settings = new ArrayList<>(TrainingRunTest.SMALL);
        settings.add(ASYNC);
        settings.add(threads);
        return TrainingRunTest.cliTrainArgs("classic/pendulum", "ppo", out, 640, 7, settings);
    }

    private static List<String> column(List<Map<String, String>> rows, String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }

    /** The killed run's latest checkpoint holds a rollout collected ahead. */
    private static void assertRolloutAhead(Path runDir) {
        CheckpointData ck = CheckpointData.read(new RunDirectory(runDir).latest());
        assertThat(ck.meta()).containsKey(AbstractPpoAlgorithm.ROLLOUT_AHEAD_KEY);
    }

    @Test
    void killedAsyncRunResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        long steps = 64L * 300;
        List<Map<String, String>> rows = TrainingRunTest.killResumeAndCompare(
                tmp,
                out -> withAsync(TrainingRunTest.trainArgs(out, steps, 11)),
                m -> TrainingRunTest.rows(m) > 30,
                AsyncCollectionRunTest::assertRolloutAhead);
        assertThat(rows).hasSize(300);
    }

    /**
     * GoRL-PPO with async collection: killed in stage 0 with a rollout ahead, resumed, through the
     * boundary (where nothing may be collected ahead: the stage's data collection would lose it).
     */
    @Test
    void killedAsyncGorlRunResumesWithIdenticalMetricsAcrossTheBoundary(@TempDir Path tmp) throws Exception {
        List<String> settings = new ArrayList<>(GorlTrainingRunTest.SMALL);
        settings.add(ASYNC);
        List<Map<String, String>> rows = TrainingRunTest.killResumeAndCompare(
                tmp,
                out -> TrainingRunTest.cliTrainArgs(
                        "classic/pendulum", "gorl-fm", out, GorlTrainingRunTest.STEPS, 3, settings),
                m -> TrainingRunTest.rows(m) >= 4,
                AsyncCollectionRunTest::assertRolloutAhead);
        assertThat(rows.getLast().get("stage")).isEqualTo("1");
        assertThat(rows.stream().filter(r -> r.get("phase").equals("decoder"))).isNotEmpty();
        assertThat(rows.getLast().get("global_step")).isEqualTo(Long.toString(GorlTrainingRunTest.STEPS));
    }

    private static String[] withAsync(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--set");
        a.add(ASYNC);
        return a.toArray(String[]::new);
    }
}
