package org.gorlj.train;

import java.util.LinkedHashMap;
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
import org.gorlj.config.ConfigException;
import org.gorlj.config.Knob;
import org.gorlj.env.Task;
import org.gorlj.generative.Decoder;

/** The algorithms by name ({@code --algo}): their knobs and how to build them. */
public final class Algorithms {
    private record Entry(List<Knob> knobs, Consumer<Config> validator, BiFunction<Config, Task, Algorithm> factory) {}

    private static final Map<String, Entry> ALGORITHMS = new LinkedHashMap<>();

    static {
        ALGORITHMS.put("ppo", new Entry(PpoAlgorithm.KNOBS, PpoConfig::from, (c, t) -> new PpoAlgorithm(c, t, null)));
        ALGORITHMS.put("sac", new Entry(SacAlgorithm.KNOBS, SacConfig::from, (c, t) -> new SacAlgorithm(c, t, null)));
        ALGORITHMS.put(
                "gorl-fm",
                new Entry(
                        PpoLatentLearner.KNOBS,
                        GorlConfig::from,
                        (c, t) ->
                                GorlAlgorithm.create(c, t, PpoLatentLearner::new, Decoder.Kind.FLOW, evaluator(c, t))));
        ALGORITHMS.put(
                "gorl-diffusion",
                new Entry(
                        PpoLatentLearner.KNOBS,
                        GorlConfig::from,
                        (c, t) -> GorlAlgorithm.create(
                                c, t, PpoLatentLearner::new, Decoder.Kind.DIFFUSION, evaluator(c, t))));
        ALGORITHMS.put(
                "gorl-sac",
                new Entry(
                        SacLatentLearner.KNOBS,
                        GorlConfig::forSac,
                        (c, t) -> GorlAlgorithm.create(
                                c,
                                t,
                                SacLatentLearner::new,
                                Decoder.Kind.parse(c.getChoice("decoder")),
                                evaluator(c, t))));
        ALGORITHMS.put(
                "fpo",
                new Entry(
                        FlowPolicyAlgorithm.FPO_KNOBS,
                        Algorithms::validateFlowPolicy,
                        (c, t) -> new FlowPolicyAlgorithm(c, t, FlowPolicyAlgorithm.Method.FPO)));
        ALGORITHMS.put(
                "dppo",
                new Entry(
                        FlowPolicyAlgorithm.DPPO_KNOBS,
                        Algorithms::validateFlowPolicy,
                        (c, t) -> new FlowPolicyAlgorithm(c, t, FlowPolicyAlgorithm.Method.DPPO)));
    }

    private Algorithms() {}

    /** The trainer's evaluator (deterministic episodes on fresh copies) for GoRL's boundary returns. */
    private static GorlAlgorithm.PolicyEvaluator evaluator(Config c, Task t) {
        return (actor, episodes, seed) -> Evaluator.evaluate(t, actor, episodes, seed, true, c.getInt("env_threads"))
                .mean();
    }

    private static void validateFlowPolicy(Config c) {
        PpoConfig.from(c);
        FlowPolicyConfig.from(c);
    }

    /** Known algorithm names. */
    public static List<String> names() {
        return List.copyOf(ALGORITHMS.keySet());
    }

    /** The knobs of an algorithm (run knobs included). */
    public static List<Knob> knobs(String algo) {
        return entry(algo).knobs();
    }

    /** Checks constraints between settings (e.g. divisibility of batch sizes) before anything runs. */
    public static void validate(String algo, Config config) {
        entry(algo).validator().accept(config);
    }

    /** Builds an algorithm on a task with a complete config. */
    public static Algorithm create(String algo, Config config, Task task) {
        return entry(algo).factory().apply(config, task);
    }

    private static Entry entry(String algo) {
        Entry e = ALGORITHMS.get(algo);
        if (e == null) {
            throw new ConfigException(
                    "unknown algorithm '" + algo + "'; known algorithms: " + String.join(", ", names()));
        }
        return e;
    }
}
