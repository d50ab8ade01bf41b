package org.gorlj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up warnings about GoRL stages and the progress line's time left. */
class StartupChecksTest {
    @Test
    void everyGorlPresetReachesAllItsStageBoundaries() {
        for (String algo : List.of("gorl-fm", "gorl-diffusion", "gorl-sac")) {
            for (String preset : List.of("auto", "paper", "cpu")) {
                for (String task : List.of("classic/two-modes", "classic/pendulum", "dmc/cheetah-run")) {
                    RunConfig run;
                    try {
                        run = RunConfig.resolve(task, algo, preset, List.of());
                    } catch (org.gorlj.config.ConfigException noSuchPreset) {
                        continue;
                    }
                    assertThat(run.warnings())
                            .as("%s %s %s", algo, preset, task)
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void stagesThatEndAfterTheRunAreWarnedAbout() {
        // boundaries at 1,000 and 2,000 RL steps, each data set 500 steps: the second comes at 2,500 global steps
        List<String> base = List.of(
                "stage_steps=1000,1000", "decoder_data_steps=500", "num_envs=2", "num_steps=50", "num_minibatches=2");
        assertThat(warnings(base, 2_501)).isEmpty();
        assertThat(warnings(base, 2_500))
                .containsExactly("warning: stage_steps [1000, 1000] with total_steps=2500: the "
                        + "run ends before stage boundary 2 of 2 (1 will happen)");
        assertThat(warnings(base, 1_000))
                .containsExactly("warning: stage_steps [1000, 1000] with total_steps=1000: the "
                        + "run ends before its first stage boundary (no decoder is ever fitted)");
        assertThat(RunConfig.resolve("classic/pendulum", "ppo", "auto", List.of())
                        .warnings())
                .isEmpty();
    }

    private static List<String> warnings(List<String> base, long total) {
        List<String> o = new java.util.ArrayList<>(base);
        o.add("total_steps=" + total);
        return RunConfig.resolve("classic/pendulum", "gorl-fm", "auto", o).warnings();
    }

    @Test
    void timeLeftIsNeverNegative() {
        assertThat(Trainer.timeLeft(100, 300, 50)).isEqualTo(4.0);
        assertThat(Trainer.timeLeft(2_048, 100, 1_000)).isZero(); // one PPO iteration past a budget below it
        assertThat(Trainer.timeLeft(0, 300, 0)).isNaN();
    }
}
