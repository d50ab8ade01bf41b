package org.gorlj.algo.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gorlj.nn.Activation;
import org.gorlj.nn.Init;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

/** The config words of the PPO modes become enums, and back. */
class PpoConfigTest {
    @Test
    void modeWordsBecomeEnumsAndPrintAsTheirWords() {
        PpoConfig cleanrl = PpoConfig.from(
                RunConfig.resolve("gym/hopper", "ppo", "cleanrl", List.of()).config());
        assertThat(cleanrl.actionMode()).isEqualTo(PpoConfig.ActionMode.CLIP);
        assertThat(cleanrl.tanh()).isFalse();
        assertThat(cleanrl.entropy()).isEqualTo(PpoConfig.EntropyMode.GAUSSIAN);
        assertThat(cleanrl.init()).isEqualTo(Init.ORTHOGONAL);
        assertThat(cleanrl.targetKl()).isZero();
        assertThat(cleanrl.earlyStop()).isFalse();

        PpoConfig paper = PpoConfig.from(RunConfig.resolve("dmc/cheetah-run", "ppo", "paper", List.of("target_kl=0.02"))
                .config());
        assertThat(paper.actionMode()).isEqualTo(PpoConfig.ActionMode.TANH);
        assertThat(paper.tanh()).isTrue();
        assertThat(paper.entropy()).isEqualTo(PpoConfig.EntropyMode.SQUASHED);
        assertThat(paper.activation()).isEqualTo(Activation.SILU);
        assertThat(paper.init()).isEqualTo(Init.LECUN_UNIFORM);
        assertThat(paper.targetKl()).isEqualTo(0.02);
        assertThat(paper.earlyStop()).isTrue();
        // the words of config.json, e.g. in GoRL's check of the entropy mode
        assertThat(paper.actionMode()).hasToString("tanh");
        assertThat(paper.entropyMode()).isEqualTo("squashed");
        assertThat(cleanrl.entropyMode()).isEqualTo("gaussian");
    }
}
