package org.gorlj.algo.gorl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.run.CheckpointData;
import org.gorlj.train.Algorithms;
import org.gorlj.train.RunConfig;
import org.junit.jupiter.api.Test;

/** The released code's per-stage PPO clips: clip_coef_first / max_grad_norm_first in stage 0, the usual ones after. */
class PerStageClipTest {
    static final Task TASK = TaskRegistry.get("classic/pendulum");
    static final String[] PER_STAGE = {
        "clip_coef=0.3",
        "clip_coef_first=0.15",
        "max_grad_norm=1.0",
        "max_grad_norm_first=0.5",
        "boundary_eval_episodes=0"
    };

    static Config config(String... extra) {
        List<String> o = new ArrayList<>(LatentLearnersTest.PPO);
        o.addAll(LatentLearnersTest.STAGES);
        o.addAll(List.of(extra));
        return RunConfig.resolve(TASK.name(), "gorl-fm", "auto", o).config();
    }

    static GorlAlgorithm create(String... extra) {
        return (GorlAlgorithm) Algorithms.create("gorl-fm", config(extra), TASK);
    }

    static List<Map<String, Object>> rows(GorlAlgorithm g, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(g.iterate());
        }
        return rows;
    }

    @Test
    void stageZeroUsesTheFirstStageClipsAndLaterStagesTheUsualOnesAlsoAfterAResume() {
        try (GorlAlgorithm perStage = create(PER_STAGE);
                GorlAlgorithm firstThroughout =
                        create("clip_coef=0.15", "max_grad_norm=0.5", "boundary_eval_episodes=0")) {
            // stage 0 (2 RL rows), collection and decoder (5 rows): the same computation
            List<Map<String, Object>> stageZero = rows(perStage, 7);
            assertThat(stageZero).isEqualTo(rows(firstThroughout, 7));
            try (GorlAlgorithm laterThroughout =
                    create("clip_coef=0.3", "max_grad_norm=1.0", "boundary_eval_episodes=0")) {
                assertThat(rows(laterThroughout, 2)).as("the clips matter here").isNotEqualTo(stageZero.subList(0, 2));
            }
            assertThat(perStage.stage()).isEqualTo(1);
            CheckpointData saved = new CheckpointData();
            perStage.save(saved);
            List<Map<String, Object>> stageOne = rows(perStage, 2);
            assertThat(stageOne).as("stage 1 clips at 0.3 and 1.0").isNotEqualTo(rows(firstThroughout, 2));
            try (GorlAlgorithm resumed = create(PER_STAGE)) {
                resumed.load(saved);
                assertThat(rows(resumed, 2)).isEqualTo(stageOne);
            }
        }
    }

    @Test
    void perStageClipsNeedTheEncoderReset() {
        assertThatThrownBy(() -> GorlConfig.from(config("clip_coef_first=0.15", "reset_encoder=false")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reset_encoder=true");
    }
}
