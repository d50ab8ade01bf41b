package org.gorlj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gorlj.export.InferenceTiming;
import org.gorlj.export.OnnxActor;
import org.gorlj.export.OnnxExport;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gorl export}: a run's policy as an ONNX model (and its weights as safetensors). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a run's policy as one ONNX model from the raw observation to the executed action "
                + "(deterministic unless --stochastic), and its network weights alone as safetensors beside it.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run directory")
    Path runDir;

    @Option(names = "--format", required = true, description = "onnx (the only format)")
    String format;

    @Option(names = "--checkpoint", description = "best or latest, default ${DEFAULT-VALUE}", defaultValue = "best")
    String checkpoint;

    @Option(
            names = "--out",
            description = "model file, default RUN_DIR/policy.onnx (policy-stochastic.onnx with --stochastic)")
    Path out;

    @Option(
            names = "--stochastic",
            description = "export the sampling policy, its standard-normal noise a second input")
    boolean stochastic;

    @Option(
            names = "--time",
            description = "also time inference per action, the project's own against ONNX Runtime (batches 1 and 64)")
    boolean time;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw Main.bad("--format must be onnx, got '" + format + "'");
        }
        if (!checkpoint.equals("best") && !checkpoint.equals("latest")) {
            throw Main.bad("--checkpoint must be best or latest, got '" + checkpoint + "'");
        }
        if (!java.nio.file.Files.isDirectory(runDir)) {
            throw Main.bad("no run directory at " + runDir);
        }
        Path file = out != null ? out : OnnxExport.defaultFile(runDir, stochastic);
        if (file.toAbsolutePath().normalize().startsWith(runDir.toAbsolutePath().normalize())) {
            try (RunLock _ = RunLock.acquire(runDir, "export " + runDir)) {
                return export(file);
            }
        }
        return export(file);
    }

    private int export(Path file) throws java.io.IOException {
        long t0 = System.nanoTime();
        OnnxExport.Report r = OnnxExport.export(runDir, checkpoint, stochastic, file);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (!r.checkpoint().equals(checkpoint)) {
            System.err.println("warning: the run has no best checkpoint (no evaluation during training yet); "
                    + "exporting its latest checkpoint");
        }
        System.out.printf(
                "%s / %s, %s checkpoint at step %,d: wrote %s (%,d bytes) and %s (%,d bytes) in %.2f s%n"
                        + "  inputs: obs float64 [N, %d]%s; output: action float64 [N, %d] (%s)%n",
                r.task(),
                r.algo(),
                r.checkpoint(),
                r.globalStep(),
                r.model(),
                r.modelBytes(),
                r.weights(),
                r.weightBytes(),
                seconds,
                r.obsDim(),
                r.noiseBlocks() == 0 ? "" : ", noise float64 [N, " + r.noiseBlocks() * r.actDim() + "] standard normal",
                r.actDim(),
                r.stochastic() ? "stochastic" : "deterministic");
        if (time) {
            Evaluation.LoadedPolicy p = Evaluation.load(runDir, checkpoint);
            try (OnnxActor onnx = OnnxActor.open(file)) {
                for (InferenceTiming.Result t :
                        InferenceTiming.measure(p.task(), p.actor(), onnx, new int[] {1, 64}, 2.0)) {
                    System.out.printf(
                            "  inference, batch %d: %.2f us per action in Java, %.2f us in ONNX Runtime%n",
                            t.batch(), t.javaMicros(), t.onnxMicros());
                }
            }
        }
        return 0;
    }
}
