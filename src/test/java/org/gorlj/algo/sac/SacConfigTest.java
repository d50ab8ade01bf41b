package org.gorlj.algo.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gorlj.config.ConfigException;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

class SacConfigTest {
    @Test
    void presetsSetStableBaselinesDefaultsAndThePapersSetting() {
        SacConfig sb3 = SacConfig.from(
                RunConfig.resolve("gym/hopper", "sac", "sb3", List.of()).config());
        assertThat(sb3.learningRate()).isEqualTo(3e-4);
        assertThat(sb3.bufferSize()).isEqualTo(1_000_000);
        assertThat(sb3.batchSize()).isEqualTo(256);
        assertThat(sb3.tau()).isEqualTo(0.005);
        assertThat(sb3.gamma()).isEqualTo(0.99);
        assertThat(sb3.learningStarts()).isEqualTo(100);
        assertThat(sb3.utdRatio()).isEqualTo(1.0);
        assertThat(sb3.autoEntropy()).isTrue();
        assertThat(sb3.actorHidden()).containsExactly(256, 256);
        assertThat(sb3.criticHidden()).containsExactly(256, 256);
        SacConfig paper = SacConfig.from(
                RunConfig.resolve("gym/hopper", "sac", "paper", List.of()).config());
        assertThat(paper.utdRatio()).isEqualTo(20.0);
        assertThat(paper.batchSize()).isEqualTo(256);
        RunConfig pendulum = RunConfig.resolve("classic/pendulum", "sac", "auto", List.of());
        assertThat(pendulum.config().getLong("total_steps")).isEqualTo(30_000L);
    }

    @Test
    void badValuesFailWithOneClearLine() {
        assertThatThrownBy(() -> RunConfig.resolve("classic/pendulum", "sac", "auto", List.of("utd_ratio=0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("utd_ratio=0.0 is not valid: expected a number in [0.001, 1000.0]");
        assertThatThrownBy(() -> RunConfig.resolve("classic/pendulum", "sac", "cleanrl", List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown preset 'cleanrl' for SAC; known presets: auto, sb3, paper");
        assertThatThrownBy(() -> RunConfig.resolve("classic/pendulum", "sac", "auto", List.of("buffer_size=-5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer_size=-5 is not valid");
    }
}
