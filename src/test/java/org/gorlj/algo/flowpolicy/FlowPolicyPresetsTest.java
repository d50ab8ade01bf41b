package org.gorlj.algo.flowpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.config.Config;
import org.gorlj.config.Presets;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

/** The FPO and DPPO presets are valid and carry the paper's values (docs/method.md §4). */
class FlowPolicyPresetsTest {
    @Test
    void everyPresetIsValidOnEveryKindOfTask() {
        for (String algo : List.of("fpo", "dppo")) {
            assertThat(Presets.names(algo)).containsExactly("auto", "paper", "cpu");
            for (String preset : Presets.names(algo)) {
                for (String task : List.of("classic/two-modes", "classic/pendulum", "dmc/hopper-stand", "gym/hopper")) {
                    Config c = RunConfig.resolve(task, algo, preset, List.of()).config();
                    Algorithms.validate(algo, c);
                    PpoConfig p = PpoConfig.from(c);
                    FlowPolicyConfig f = FlowPolicyConfig.from(c);
                    String where = algo + "/" + preset + "/" + task;
                    assertThat(p.clipCoef()).as(where).isEqualTo(algo.equals("fpo") ? 0.05 : 0.2);
                    assertThat(p.entCoef()).as(where).isZero();
                    assertThat(p.tanh()).as(where).isTrue();
                    assertThat(f.hidden()).as(where).containsExactly(32, 32, 32, 32);
                    assertThat(f.outputScale()).as(where).isEqualTo(0.25);
                    assertThat(f.steps()).as(where).isEqualTo(10);
                    if (!preset.equals("auto")) {
                        assertThat(p.learningRate()).as(where).isEqualTo(3e-4);
                    }
                }
            }
        }
    }

    @Test
    void paperAndCpuScales() {
        Config paper =
                RunConfig.resolve("dmc/hopper-stand", "fpo", "paper", List.of()).config();
        assertThat(paper.getLong("total_steps")).isEqualTo(180_000_000L);
        assertThat(PpoConfig.from(paper).batchSize()).isEqualTo(2048 * 480);
        assertThat(PpoConfig.from(paper).criticHidden()).containsExactly(256, 256, 256, 256, 256);
        assertThat(FlowPolicyConfig.from(paper).fpoSamples()).isEqualTo(8);
        assertThat(FlowPolicyConfig.from(paper).fpoRatio()).isEqualTo(FlowPolicyConfig.FpoRatio.MEAN);
        assertThat(FlowPolicyConfig.from(paper).fpoLoss()).isEqualTo(FlowPolicyConfig.FpoLoss.EPS);
        Config dppo = RunConfig.resolve("dmc/hopper-stand", "dppo", "paper", List.of())
                .config();
        assertThat(FlowPolicyConfig.from(dppo).dppoSigma()).isEqualTo(0.05);
        for (String algo : List.of("fpo", "dppo")) {
            Config cpu =
                    RunConfig.resolve("dmc/cheetah-run", algo, "cpu", List.of()).config();
            PpoConfig p = PpoConfig.from(cpu);
            assertThat(p.numEnvs()).isEqualTo(32);
            assertThat(p.numSteps()).isEqualTo(128);
            assertThat(cpu.getLong("total_steps")).isEqualTo(5_000_000L);
            // auto on a task without its own settings is cpu
            assertThat(RunConfig.resolve("dmc/cheetah-run", algo, "auto", List.of())
                            .config())
                    .isEqualTo(cpu);
        }
        // FPO: the per-sample ratio at the cpu scale (the mean one diverged there), the paper's mean
        // ratio in the paper preset and on the classic tasks
        assertThat(FlowPolicyConfig.from(RunConfig.resolve("dmc/cheetah-run", "fpo", "cpu", List.of())
                                .config())
                        .fpoRatio())
                .isEqualTo(FlowPolicyConfig.FpoRatio.PER_SAMPLE);
        for (String task : List.of("classic/two-modes", "classic/pendulum")) {
            assertThat(FlowPolicyConfig.from(RunConfig.resolve(task, "fpo", "auto", List.of())
                                    .config())
                            .fpoRatio())
                    .as(task)
                    .isEqualTo(FlowPolicyConfig.FpoRatio.MEAN);
        }
    }
}
