package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GoRL run killed during decoder training and resumed by a new process writes the rows of an uninterrupted run. */
class GorlTrainingRunTest {
    static final List<String> SMALL = List.of("num_envs=4", "num_steps=32", "num_minibatches=2", "update_epochs=2",
            "eval_every=640", "eval_episodes=2", "stage_steps=1280", "decoder_data_steps=1024", "decoder_epochs=20",
            "decoder_patience=20", "decoder_batch=32");
    static final long STEPS = 1280 + 1024 + 640;

    static String[] trainArgs(Path out) {
        List<String> a = new ArrayList<>(List.of("train", "--quiet", "--task", "classic/pendulum", "--algo", "gorl-fm",
                "--out", out.toString(), "--steps", Long.toString(STEPS), "--seed", "3"));
        for (String s : SMALL) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    static long decoderRows(Path metrics) throws Exception {
        if (!Files.exists(metrics)) {
            return 0;
        }
        return Files.readAllLines(metrics).stream().filter(l -> l.contains(",decoder,")).count();
    }

    @Test
    void runKilledDuringDecoderTrainingResumesWithIdenticalMetrics(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        Path killed = tmp.resolve("killed");
        Process ref = TrainingRunTest.startCli(tmp.resolve("reference.log"), trainArgs(reference));
        Process p = TrainingRunTest.startCli(tmp.resolve("killed.log"), trainArgs(killed));
        Path metrics = killed.resolve("metrics.csv");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive() && decoderRows(metrics) < 3) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the run must still be going when it is killed: %s",
                Files.readString(tmp.resolve("killed.log"))).isTrue();
        p.destroyForcibly().waitFor();
        long atKill = decoderRows(metrics);
        assertThat(atKill).as("killed during decoder training").isBetween(3L, 19L);
        assertThat(ref.waitFor()).as(Files.readString(tmp.resolve("reference.log"))).isZero();

        Process resumed = TrainingRunTest.startCli(tmp.resolve("resumed.log"), "train", "--quiet", "--resume",
                killed.toString());
        assertThat(resumed.waitFor()).as(Files.readString(tmp.resolve("resumed.log"))).isZero();
        List<Map<String, String>> expected = TrainingRunTest.deterministicRows(reference.resolve("metrics.csv"));
        TrainingRunTest.assertSameRows(TrainingRunTest.deterministicRows(metrics), expected);

        // the reference run itself: stages marked, decoder losses recorded, stage 1 after the boundary
        assertThat(expected.getFirst().get("stage")).isEqualTo("0");
        assertThat(expected.getLast().get("stage")).isEqualTo("1");
        assertThat(expected.stream().filter(r -> r.get("phase").equals("decoder"))
                .allMatch(r -> !r.get("decoder_train_loss").isEmpty() && !r.get("decoder_val_loss").isEmpty())).isTrue();
        assertThat(reference.resolve("curve.png")).isRegularFile();
    }
}
