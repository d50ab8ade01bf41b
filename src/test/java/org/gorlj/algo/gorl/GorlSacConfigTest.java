package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gorlj.algo.sac.SacConfig;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

/** GoRL-SAC's presets and its bad settings. */
class GorlSacConfigTest {
    static Config resolve(String task, String preset, String... sets) {
        return RunConfig.resolve(task, "gorl-sac", preset, List.of(sets)).config();
    }

    @Test
    void paperIsTheAppendixSacWithItsStageLengths() {
        Config hopper = resolve("gym/hopper", "paper");
        SacConfig sac = SacConfig.from(hopper);
        assertThat(sac.utdRatio()).isEqualTo(20.0);
        assertThat(sac.batchSize()).isEqualTo(256);
        assertThat(sac.learningRate()).isEqualTo(3e-4);
        assertThat(sac.gamma()).isEqualTo(0.99);
        assertThat(sac.tau()).isEqualTo(0.005);
        GorlConfig g = GorlConfig.forSac(hopper);
        assertThat(g.stageSteps()).containsExactly(2_000_000L, 2_000_000L, 2_000_000L);
        assertThat(g.dataSteps()).isEqualTo(512_000L);
        assertThat(g.decoderHidden()).containsExactly(64, 64, 64, 64);
        assertThat(hopper.getLong("total_steps")).isEqualTo(8_000_000L + 3 * 512_000L);
        assertThat(hopper.getChoice("decoder")).isEqualTo("flow");
        assertThat(GorlConfig.forSac(resolve("gym/half-cheetah", "paper")).stageSteps())
                .containsExactly(1_000_000L, 1_000_000L, 1_000_000L);
    }

    @Test
    void autoIsShortOnPendulumAndATenthOfPaperElsewhere() {
        Config pendulum = resolve("classic/pendulum", "auto");
        assertThat(GorlConfig.forSac(pendulum).stageSteps()).containsExactly(10_000L, 10_000L);
        assertThat(pendulum.getLong("total_steps")).isEqualTo(30_000L + 2 * 8_000L);
        assertThat(SacConfig.from(pendulum).actorHidden()).containsExactly(64, 64);
        Config cheetah = resolve("gym/half-cheetah", "auto");
        assertThat(GorlConfig.forSac(cheetah).stageSteps()).containsExactly(100_000L, 100_000L, 100_000L);
        assertThat(SacConfig.from(cheetah).utdRatio()).isEqualTo(1.0);
        assertThat(cheetah.getInt("decoder_batch")).isEqualTo(1024);
        assertThat(GorlConfig.forSac(resolve("gym/hopper", "auto")).stageSteps())
                .containsExactly(200_000L, 200_000L, 200_000L);
        assertThat(GorlConfig.forSac(resolve("classic/two-modes", "auto")).stageSteps())
                .hasSize(3);
    }

    @Test
    void badSettingsFailWithOneClearLine() {
        assertThatThrownBy(() -> resolve("classic/pendulum", "auto", "decoder=gan"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("decoder=gan is not valid: expected one of flow, diffusion");
        assertThatThrownBy(() -> resolve("classic/pendulum", "sb3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown preset 'sb3' for gorl-sac; known presets: auto, paper");
        assertThatThrownBy(() -> resolve("classic/pendulum", "auto", "z_reg=0.1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("z_reg");
        assertThatThrownBy(() -> resolve("classic/pendulum", "auto", "num_envs=4", "decoder_data_steps=5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("decoder_data_steps=5 is not valid");
    }
}
