package org.gorlj.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.assertj.core.data.Offset;
import org.gorlj.algo.Actor;
import org.gorlj.cli.Main;
import org.gorlj.env.TaskRegistry;
import org.gorlj.train.Evaluation;
import org.gorlj.train.Evaluator;
import org.gorlj.train.RunConfig;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filming a policy: every step is a frame, the episodes are gorl eval's, the file opens; bad input is one line. */
class EpisodeVideoTest {
    private static final long SEED = 12345;

    /** A fixed policy (no network, so no training): each action a smooth function of the observation. */
    private static Evaluation.LoadedPolicy policy(String task) {
        Actor actor = (obs, rows, deterministic, rng, actions) -> {
            int obsDim = obs.length / rows;
            int actDim = actions.length / rows;
            for (int r = 0; r < rows; r++) {
                for (int a = 0; a < actDim; a++) {
                    actions[r * actDim + a] = 0.4 * Math.sin(3 * obs[r * obsDim + a % obsDim] + a);
                }
            }
        };
        return new Evaluation.LoadedPolicy(
                RunConfig.resolve(task, "ppo", "auto", List.of()), TaskRegistry.get(task), actor, "latest", 0);
    }

    @Test
    void hopperEpisodesAreFilmedFrameByFrameIntoAGif(@TempDir Path dir) throws Exception {
        Evaluation.LoadedPolicy policy = policy("gym/hopper");
        Path gif = dir.resolve("hopper.gif");

        EpisodeVideo.Result r = EpisodeVideo.record(policy, 2, SEED, true, gif, 64, 48, 0);

        assertThat(r.file()).isEqualTo(gif);
        assertThat(r.fps()).isCloseTo(125, Offset.offset(1e-9)); // dt 0.008 s
        // the initial state and every step of each episode
        assertThat(r.frames()).isEqualTo(Arrays.stream(r.lengths()).sum() + 2);
        // the GIF keeps one frame in three at 125 fps
        assertThat(r.framesStored()).isEqualTo((r.frames() + 2) / 3);
        assertThat(gifFrames(gif)).isEqualTo(r.framesStored());
        // the same episodes as gorl eval's with this seed
        Evaluator.Result eval = Evaluator.evaluate(policy.task(), policy.actor(), 2, SEED, true, 1);
        assertThat(r.lengths()).containsExactly(eval.lengths());
        assertThat(r.returns()).containsExactly(eval.returns());
    }

    @Test
    void aClassicTaskIsRefusedInOneLine(@TempDir Path dir) {
        assertThatThrownBy(() ->
                        EpisodeVideo.record(policy("classic/pendulum"), 1, SEED, true, dir.resolve("v.gif"), 64, 48, 0))
                .isInstanceOf(UserInputException.class)
                .hasMessage(
                        "task classic/pendulum has no MuJoCo model to film; --video films the dmc/* and gym/* tasks");
        assertThat(dir.resolve("v.gif")).doesNotExist();
    }

    @Test
    void badVideoArgumentsAreRefusedInOneLine(@TempDir Path dir) {
        for (String[] bad : new String[][] {
            {"--video", dir.resolve("v.avi").toString()},
            {"--video", dir.resolve("v.gif").toString(), "--video-size", "63x48"},
            {"--video", dir.resolve("v.gif").toString(), "--video-size", "big"},
            {"--video", dir.resolve("v.gif").toString(), "--video-samples", "-1"},
            {"--video", dir.resolve("v.gif").toString(), "--json"},
        }) {
            StringWriter err = new StringWriter();
            String[] args = Stream.concat(
                            Stream.of("eval", dir.resolve("missing").toString()), Arrays.stream(bad))
                    .toArray(String[]::new);
            assertThat(Main.run(new PrintWriter(err, true), args))
                    .as(String.join(" ", bad))
                    .isEqualTo(2);
            assertThat(err.toString().strip())
                    .matches("error: --(video|video-size|video-samples|json) .*")
                    .doesNotContain("\n");
        }
    }

    private static int gifFrames(Path file) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            assertThat(reader.getWidth(0)).isEqualTo(64);
            assertThat(reader.getHeight(0)).isEqualTo(48);
            reader.dispose();
            return n;
        }
    }
}
