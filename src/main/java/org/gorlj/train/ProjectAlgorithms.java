package org.gorlj.train;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.flowpolicy.FlowPolicyAlgorithm;
import org.gorlj.algo.flowpolicy.FlowPolicyConfig;
import org.gorlj.algo.gorl.GorlAlgorithm;
import org.gorlj.algo.gorl.GorlConfig;
import org.gorlj.algo.gorl.PpoLatentLearner;
import org.gorlj.algo.gorl.SacLatentLearner;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.ppo.PpoConfig;
import org.gorlj.algo.sac.SacAlgorithm;
import org.gorlj.algo.sac.SacConfig;
import org.gorlj.config.Config;
import org.gorlj.config.Knob;
import org.gorlj.config.Presets;
import org.gorlj.env.Task;
import org.gorlj.generative.Decoder;

/**
 * The project's algorithms (ppo, sac, gorl-fm, gorl-diffusion, gorl-sac, fpo, dppo), registered
 * through {@code META-INF/services} like a user's; their presets are {@link Presets}'.
 */
public final class ProjectAlgorithms implements AlgorithmProvider {
    private record Builtin(
            String name, List<Knob> knobs, Consumer<Config> validator, BiFunction<Config, Task, Algorithm> factory)
            implements AlgorithmType {
        @Override
        public List<String> presets() {
            return Presets.names(name);
        }

        @Override
        public Map<String, Object> preset(String preset, String task) {
            return Presets.get(name, preset, task);
        }

        @Override
        public void validate(Config config) {
            validator.accept(config);
        }

        @Override
        public Algorithm create(Config config, Task task) {
            return factory.apply(config, task);
        }
    }

    /** The provider {@link java.util.ServiceLoader} instantiates. */
    public ProjectAlgorithms() {}

    @Override
    public List<AlgorithmType> algorithms() {
        return List.of(
                new Builtin("ppo", PpoAlgorithm.KNOBS, PpoConfig::from, (c, t) -> new PpoAlgorithm(c, t, null)),
                new Builtin("sac", SacAlgorithm.KNOBS, SacConfig::from, (c, t) -> new SacAlgorithm(c, t, null)),
                new Builtin(
                        "gorl-fm",
                        PpoLatentLearner.KNOBS,
                        GorlConfig::from,
                        (c, t) ->
                                GorlAlgorithm.create(c, t, PpoLatentLearner::new, Decoder.Kind.FLOW, evaluator(c, t))),
                new Builtin(
                        "gorl-diffusion",
                        PpoLatentLearner.KNOBS,
                        GorlConfig::from,
                        (c, t) -> GorlAlgorithm.create(
                                c, t, PpoLatentLearner::new, Decoder.Kind.DIFFUSION, evaluator(c, t))),
                new Builtin(
                        "gorl-sac",
                        SacLatentLearner.KNOBS,
                        GorlConfig::forSac,
                        (c, t) -> GorlAlgorithm.create(
                                c,
                                t,
                                SacLatentLearner::new,
                                Decoder.Kind.parse(c.getChoice("decoder")),
                                evaluator(c, t))),
                new Builtin(
                        "fpo",
                        FlowPolicyAlgorithm.FPO_KNOBS,
                        ProjectAlgorithms::validateFlowPolicy,
                        (c, t) -> new FlowPolicyAlgorithm(c, t, FlowPolicyAlgorithm.Method.FPO)),
                new Builtin(
                        "dppo",
                        FlowPolicyAlgorithm.DPPO_KNOBS,
                        ProjectAlgorithms::validateFlowPolicy,
                        (c, t) -> new FlowPolicyAlgorithm(c, t, FlowPolicyAlgorithm.Method.DPPO)));
    }

    /** The trainer's evaluator (deterministic episodes on fresh copies) for GoRL's boundary returns. */
    private static GorlAlgorithm.PolicyEvaluator evaluator(Config c, Task t) {
        return (actor, episodes, seed) -> Evaluator.evaluate(t, actor, episodes, seed, true, c.getInt("env_threads"))
                .mean();
    }

    private static void validateFlowPolicy(Config c) {
        PpoConfig.from(c);
        FlowPolicyConfig.from(c);
    }
}
