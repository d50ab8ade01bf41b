package org.gorlj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gorlj.train.Divergence;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;
import org.gorlj.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gorl eval}: evaluate a run's policy. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a run's policy (deterministic unless --stochastic); writes eval.json in the run directory.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run directory")
    Path runDir;

    @Option(names = "--episodes", description = "episodes, default ${DEFAULT-VALUE}", defaultValue = "10")
    int episodes;

    @Option(names = "--stochastic", description = "sample actions instead of taking the mean")
    boolean stochastic;

    @Option(names = "--checkpoint", description = "best or latest, default ${DEFAULT-VALUE}", defaultValue = "best")
    String checkpoint;

    @Option(
            names = "--seed",
            description = "seed of the evaluation episodes, default ${DEFAULT-VALUE}",
            defaultValue = "12345")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(
            names = "--onnx",
            paramLabel = "FILE",
            description = "evaluate this exported model (gorl export) through ONNX Runtime instead of the checkpoint;"
                    + " prints the result, writes nothing")
    Path onnx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1) {
            throw Main.bad("--episodes must be at least 1, got " + episodes);
        }
        if (!checkpoint.equals("best") && !checkpoint.equals("latest")) {
            throw Main.bad("--checkpoint must be best or latest, got '" + checkpoint + "'");
        }
        if (onnx != null) {
            return OnnxEvaluation.evaluate(runDir, onnx, episodes, stochastic, seed, json);
        }
        try (RunLock _ = RunLock.acquire(runDir, "eval " + runDir)) {
            return evaluate();
        }
    }

    /** Evaluates, writes {@code eval.json} and prints the result. */
    private int evaluate() throws IOException {
        Evaluation.Report r = Evaluation.run(runDir, checkpoint, episodes, !stochastic, seed);
        Divergence diverged = Divergence.read(new RunDirectory(runDir));
        if (diverged != null) {
            spec.commandLine()
                    .getErr()
                    .println("warning: this run diverged: " + diverged.describe() + "; evaluating its " + r.checkpoint()
                            + " checkpoint (step " + r.globalStep() + ")");
        }
        if (!r.checkpoint().equals(checkpoint)) {
            spec.commandLine()
                    .getErr()
                    .println("warning: the run has no best checkpoint (no evaluation during training "
                            + "yet); evaluating its latest checkpoint");
        }
        spec.commandLine().getErr().flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", r.task());
        m.put("algo", r.algo());
        m.put("checkpoint", r.checkpoint());
        m.put("global_step", r.globalStep());
        m.put("deterministic", !stochastic);
        m.put("episodes", episodes);
        m.put("mean_return", r.result().mean());
        m.put("std_return", r.result().std());
        m.put("returns", r.result().returns());
        m.put("lengths", r.result().lengths());
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(runDir.resolve("eval.json"), tmp -> om.writeValue(tmp.toFile(), m));
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            System.out.printf(
                    "%s / %s, %s checkpoint at step %,d: %s return %.2f +- %.2f over %d episodes%n",
                    r.task(),
                    r.algo(),
                    r.checkpoint(),
                    r.globalStep(),
                    stochastic ? "stochastic" : "deterministic",
                    r.result().mean(),
                    r.result().std(),
                    episodes);
        }
        return 0;
    }
}
