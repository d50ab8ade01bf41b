package org.gorlj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.env.Env;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.export.OnnxActor;
import org.gorlj.train.Evaluator;
import org.gorlj.train.RunConfig;
import org.gorlj.train.RunDirectory;

/** {@code gorl eval RUN_DIR --onnx FILE}: evaluates an exported model itself on the run's task. */
final class OnnxEvaluation {
    private OnnxEvaluation() {}

    /** Evaluates {@code model} on the task of {@code runDir} and prints the result; writes nothing. */
    static int evaluate(Path runDir, Path model, int episodes, boolean stochastic, long seed, boolean json)
            throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw Main.bad("no run directory at " + runDir);
        }
        RunConfig run = RunConfig.read(new RunDirectory(runDir).config());
        Task task = TaskRegistry.get(run.task());
        try (OnnxActor actor = OnnxActor.open(model)) {
            if (stochastic && !actor.stochastic()) {
                throw Main.bad(model + " is a deterministic model; export with --stochastic to evaluate sampling");
            }
            int obsDim;
            int actDim;
            try (Env env = task.make()) {
                obsDim = env.observationSpace().dim();
                actDim = env.actionSpace().dim();
            }
            if (actor.obsDim() != obsDim || actor.actDim() != actDim) {
                throw Main.bad(model + " maps " + actor.obsDim() + " observations to " + actor.actDim()
                        + " actions but " + run.task() + " has " + obsDim + " and " + actDim);
            }
            Evaluator.Result r = Evaluator.evaluate(task, actor, episodes, seed, !actor.stochastic(), 1);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", run.task());
            m.put("algo", run.algo());
            m.put("onnx", model.toString());
            m.put("model_algo", actor.metadata().get("gorlj.algo"));
            m.put("model_checkpoint", actor.metadata().get("gorlj.checkpoint"));
            m.put("model_global_step", actor.metadata().get("gorlj.global_step"));
            m.put("deterministic", !actor.stochastic());
            m.put("episodes", episodes);
            m.put("mean_return", r.mean());
            m.put("std_return", r.std());
            m.put("returns", r.returns());
            m.put("lengths", r.lengths());
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(m));
            } else {
                System.out.printf(
                        "%s / %s, ONNX model %s (%s checkpoint at step %s): %s return %.2f +- %.2f over %d episodes%n",
                        run.task(),
                        run.algo(),
                        model,
                        m.get("model_checkpoint"),
                        m.get("model_global_step"),
                        actor.stochastic() ? "stochastic" : "deterministic",
                        r.mean(),
                        r.std(),
                        episodes);
            }
            return 0;
        }
    }
}
