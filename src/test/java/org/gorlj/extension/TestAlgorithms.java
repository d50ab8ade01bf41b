package org.gorlj.extension;

import java.util.List;
import java.util.Map;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.train.AlgorithmProvider;
import org.gorlj.train.AlgorithmType;

/**
 * A user's algorithm family, found through the test class path's
 * {@code META-INF/services/org.gorlj.train.AlgorithmProvider}: PPO with the user's own presets.
 */
public final class TestAlgorithms implements AlgorithmProvider {
    /** The name of the discovered algorithm. */
    public static final String TINY_PPO = "test-tiny-ppo";

    @Override
    public List<AlgorithmType> algorithms() {
        return List.of(new AlgorithmType() {
            @Override
            public String name() {
                return TINY_PPO;
            }

            @Override
            public List<Knob> knobs() {
                return PpoAlgorithm.KNOBS;
            }

            @Override
            public List<String> presets() {
                return List.of("tiny", "tiny-eval");
            }

            @Override
            public Map<String, Object> preset(String preset, String task) {
                Map<String, Object> tiny = Map.of(
                        "total_steps", 640L,
                        "num_envs", 2,
                        "num_steps", 32,
                        "num_minibatches", 2,
                        "update_epochs", 2,
                        "eval_episodes", 2);
                return switch (preset) {
                    case "tiny" -> tiny;
                    case "tiny-eval" -> {
                        var m = new java.util.HashMap<>(tiny);
                        m.put("eval_every", 128L);
                        yield m;
                    }
                    default -> AlgorithmType.super.preset(preset, task);
                };
            }

            @Override
            public void validate(Config config) {
                PpoConfig.from(config);
            }

            @Override
            public Algorithm create(Config config, Task task) {
                return new PpoAlgorithm(config, task, null);
            }
        });
    }
}
