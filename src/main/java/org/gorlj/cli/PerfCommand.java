package org.gorlj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gorlj.bench.Perf;
import org.gorlj.nn.Torch;
import org.gorlj.train.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gorl perf}: throughput of a short training, split into environment, inference and learning. */
@Command(
        name = "perf",
        mixinStandardHelpOptions = true,
        description = "Measure a short training (no evaluation or checkpoints): env steps/s overall and per part "
                + "(environment stepping, policy inference, learning) and peak RSS; then the same environment copies "
                + "stepped alone with random actions (the physics limit), the ratio of the two rates and the cores "
                + "each phase kept busy.")
final class PerfCommand implements Callable<Integer> {
    @Option(names = "--task", description = "task name, default ${DEFAULT-VALUE}", defaultValue = "classic/pendulum")
    String task;

    @Option(names = "--algo", description = "algorithm, default ${DEFAULT-VALUE}", defaultValue = "ppo")
    String algo;

    @Option(names = "--preset", description = "preset, default ${DEFAULT-VALUE}", defaultValue = "auto")
    String preset;

    @Option(
            names = "--steps",
            description = "environment steps (whole iterations), default ${DEFAULT-VALUE}",
            defaultValue = "20480")
    String steps;

    @Option(names = "--set", description = "override a setting: key=value (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> overrides =
                Overrides.combine(List.of(new Overrides.Option("--steps", "total_steps", steps)), sets);
        Perf.Report r = Perf.measure(RunConfig.resolve(task, algo, preset, overrides));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("algo", algo);
            m.put("preset", preset);
            m.put("overrides", sets);
            m.put("steps", r.steps());
            m.put("iterations", r.iterations());
            m.put("seconds", r.seconds());
            m.put("steps_per_second", r.stepsPerSecond());
            m.put("env_steps_per_s", r.stepsPerSecond());
            m.put("physics_env_steps_per_s", r.physics().stepsPerSecond());
            m.put("physics_ratio", r.physicsRatio());
            m.put("cores", finiteOrNull(r.cores()));
            m.put("physics_cores", finiteOrNull(r.physics().cores()));
            m.put("physics_steps", r.physics().steps());
            m.put("physics_seconds", r.physics().seconds());
            Map<String, Object> parts = new LinkedHashMap<>();
            r.parts().forEach((k, v) -> parts.put(k, Map.of("seconds", v, "steps_per_second", r.stepsPerSecond(k))));
            m.put("parts", parts);
            m.put("peak_rss_mb", finiteOrNull(r.peakRssMb()));
            m.put("mkl_cbwr", Torch.mklBranch());
            System.out.println(new ObjectMapper().writeValueAsString(m));
            return 0;
        }
        System.out.printf(
                "%s / %s (preset %s%s): %,d env steps in %d iterations, %.2f s, MKL_CBWR=%s%n",
                task,
                algo,
                preset,
                sets.isEmpty() ? "" : ", " + String.join(" ", sets),
                r.steps(),
                r.iterations(),
                r.seconds(),
                Torch.mklBranch());
        System.out.printf("%-12s %9s %7s %14s%n", "part", "seconds", "share", "env steps/s");
        r.parts()
                .forEach((k, v) -> System.out.printf(
                        "%-12s %9.2f %6.1f%% %,14.0f%n", k, v, 100 * v / r.seconds(), r.stepsPerSecond(k)));
        System.out.printf("%-12s %9.2f %6.1f%% %,14.0f%n", "total", r.seconds(), 100.0, r.stepsPerSecond());
        System.out.printf("peak RSS %.0f MiB%n", r.peakRssMb());
        System.out.printf("end to end   %,10.0f env steps/s on %.2f cores%n", r.stepsPerSecond(), r.cores());
        System.out.printf(
                "physics only %,10.0f env steps/s on %.2f cores (%,d steps, random actions, %s copies on %s "
                        + "env threads)%n",
                r.physics().stepsPerSecond(),
                r.physics().cores(),
                r.physics().steps(),
                r.run().config().getInt("num_envs"),
                r.run().config().getInt("env_threads"));
        System.out.printf("ratio        %10.3f of the physics limit%n", r.physicsRatio());
        return 0;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
