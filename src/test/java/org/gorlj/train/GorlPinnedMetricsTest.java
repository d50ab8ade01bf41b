package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gorlj.train.TrainingRunTest.assertSameRows;
import static org.gorlj.train.TrainingRunTest.deterministicRows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gorlj.run.MetricsLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GoRL-PPO's numbers are pinned: short runs that cross stage boundaries (RL, collection, decoder
 * epochs, encoder re-initialisation, best-eval encoder) must write exactly the rows recorded in
 * {@code src/test/resources/org/gorlj/train/pinned/VENDOR/} (all columns but the wall-clock ones), so
 * a refactor is checked to change no number. The rows were recorded with {@code ./gorl train} under
 * {@code MKL_CBWR=COMPATIBLE} (what the tests use) on the code of commit 1a0a181 (AuthenticAMD: earlier,
 * on the code before the stage scheduler was separated from PPO, commit 4aad912; both give the same
 * rows on their vendor):
 * <pre>
 * ./gorl train --task classic/two-modes --algo gorl-fm --seed 3 --set stage_steps=2048,2048 \
 *   --set decoder_data_steps=1024 --set decoder_epochs=3 --set decoder_patience=3 --set eval_every=1024 \
 *   --set eval_episodes=8 --set total_steps=7168            (gorl-fm.csv; gorl-diffusion: gorl-diff.csv)
 * ./gorl train --task classic/pendulum --algo gorl-fm --seed 4 --set stage_steps=4096 \
 *   --set decoder_data_steps=2048 --set decoder_epochs=3 --set decoder_patience=3 --set eval_every=2048 \
 *   --set eval_episodes=2 --set keep_critic=true --set latent_reg=kl --set total_steps=8192   (gorl-pend.csv)
 * </pre>
 * The rows depend on the CPU's vendor in their last digits (about the 8th significant one): libtorch's
 * MKL picks vendor-specific kernels even in its COMPATIBLE branch (the actor's small output-layer
 * products, see README "Reproducibility"), so each vendor has its own recording. A machine of another
 * vendor fails with a line saying how to record its rows.
 */
class GorlPinnedMetricsTest {
    static final List<String> BOUNDARY_COLUMNS =
            List.of("boundary_return_before", "boundary_return_after", "boundary_retention", "boundary_action_gap");
    // the rows were pinned when decoders read the encoder's running normaliser (decoder_obs_stats=encoder)
    static final List<String> TWO_MODES = List.of(
            "decoder_obs_stats=encoder",
            "seed=3",
            "stage_steps=2048,2048",
            "decoder_data_steps=1024",
            "decoder_epochs=3",
            "decoder_patience=3",
            "eval_every=1024",
            "eval_episodes=8",
            "total_steps=7168");
    static final List<String> PENDULUM = List.of(
            "decoder_obs_stats=encoder",
            "seed=4",
            "stage_steps=4096",
            "decoder_data_steps=2048",
            "decoder_epochs=3",
            "decoder_patience=3",
            "eval_every=2048",
            "eval_episodes=2",
            "keep_critic=true",
            "latent_reg=kl",
            "total_steps=8192");

    @ParameterizedTest
    @CsvSource({
        "classic/two-modes, gorl-fm, gorl-fm.csv",
        "classic/two-modes, gorl-diffusion, gorl-diff.csv",
        "classic/pendulum, gorl-fm, gorl-pend.csv"
    })
    void goRlPpoWritesThePinnedRows(String task, String algo, String pinned, @TempDir Path tmp) throws Exception {
        List<String> settings = task.equals("classic/pendulum") ? PENDULUM : TWO_MODES;
        Path dir = tmp.resolve("run");
        Trainer.create(dir, RunConfig.resolve(task, algo, "auto", settings), null)
                .train();
        var resource = GorlPinnedMetricsTest.class.getResource("pinned/" + cpuVendor() + "/" + pinned);
        assertThat(resource)
                .as(
                        "no pinned rows for CPU vendor %s: record them with the commands in this class's comment "
                                + "on the code of commit 1a0a181 and put them in pinned/%s/",
                        cpuVendor(), cpuVendor())
                .isNotNull();
        Path expected = Path.of(resource.toURI());
        List<Map<String, String>> rows = deterministicRows(dir.resolve("metrics.csv"));
        // the boundary evaluation, added after the rows were pinned, only adds its own columns
        rows.forEach(r -> r.keySet().removeAll(BOUNDARY_COLUMNS));
        assertSameRows(rows, MetricsLog.read(expected));
    }

    /** The CPU vendor as Linux reports it ({@code GenuineIntel}, {@code AuthenticAMD}). */
    static String cpuVendor() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("vendor_id"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
    }
}
