package org.gorlj.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gorlj.nn.Tensors;
import org.gorlj.nn.Torch;
import org.gorlj.train.Evaluation;
import org.gorlj.util.AtomicFiles;

/**
 * {@code gorl export}: a run's policy as one ONNX model from the raw observation to the executed action
 * ({@link PolicyGraph}), and the network weights it embeds alone as safetensors beside it.
 *
 * <p>The model's metadata properties name the run ({@code gorlj.task}, {@code gorlj.algo},
 * {@code gorlj.checkpoint}, {@code gorlj.global_step}), say whether it is {@code gorlj.stochastic}, and
 * give {@code gorlj.noise_blocks}: the noise input's width in multiples of the action size (0: no noise
 * input), which {@link OnnxActor} reads to draw noise in the order the project's own policy draws it.
 */
public final class OnnxExport {
    /** Metadata key of the noise input's width in blocks of the action size. */
    public static final String NOISE_BLOCKS = "gorlj.noise_blocks";

    /** Metadata key of whether the model samples (true) or takes the mean (false). */
    public static final String STOCHASTIC = "gorlj.stochastic";

    private OnnxExport() {}

    /**
     * What an export wrote.
     *
     * @param checkpoint the checkpoint exported: best, or latest (asked for, or because there is no best one yet)
     * @param noiseBlocks the noise input's width in multiples of {@code actDim} (0: none)
     */
    public record Report(
            Path model,
            Path weights,
            String task,
            String algo,
            String checkpoint,
            long globalStep,
            boolean stochastic,
            int obsDim,
            int actDim,
            int noiseBlocks,
            long modelBytes,
            long weightBytes) {}

    /** The default model file of a run: {@code policy.onnx} (deterministic) or {@code policy-stochastic.onnx}. */
    public static Path defaultFile(Path runDir, boolean stochastic) {
        return runDir.resolve(stochastic ? "policy-stochastic.onnx" : "policy.onnx");
    }

    /** The weights file written beside a model: its name with {@code .safetensors} for {@code .onnx}. */
    public static Path weightsFile(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + ".safetensors");
    }

    /**
     * Exports the {@code best} (if present, else the latest) or {@code latest} checkpoint of a run to {@code out}
     * and its weights beside it.
     *
     * @throws org.gorlj.util.UserInputException for a bad run directory or checkpoint
     */
    public static Report export(Path runDir, String which, boolean stochastic, Path out) throws IOException {
        Path weights = weightsFile(out);
        return Evaluation.withLoaded(runDir, which, l -> {
            PolicyGraph.Built built = PolicyGraph.of(l.algorithm(), l.run().config(), stochastic);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("gorlj.task", l.run().task());
            meta.put("gorlj.algo", l.run().algo());
            meta.put("gorlj.checkpoint", l.checkpoint());
            meta.put("gorlj.global_step", Long.toString(l.globalStep()));
            meta.put(STOCHASTIC, Boolean.toString(stochastic));
            meta.put(NOISE_BLOCKS, Integer.toString(built.noiseBlocks()));
            OnnxMl.ModelProto model = built.graph().model(l.run().algo().replace('-', '_') + "_policy", meta);
            try {
                AtomicFiles.write(out, tmp -> {
                    try (OutputStream os = Files.newOutputStream(tmp)) {
                        model.writeTo(os);
                    }
                });
                AtomicFiles.write(weights, tmp -> writeSafetensors(built.graph(), tmp));
                return new Report(
                        out,
                        weights,
                        l.run().task(),
                        l.run().algo(),
                        l.checkpoint(),
                        l.globalStep(),
                        stochastic,
                        built.obsDim(),
                        built.actDim(),
                        built.noiseBlocks(),
                        Files.size(out),
                        Files.size(weights));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The network weights of the graph, by their initializer names, in DJL's safetensors encoding. */
    private static void writeSafetensors(OnnxGraph graph, Path file) throws IOException {
        Torch.start(1);
        try (NDManager m = Torch.newManager();
                OutputStream os = Files.newOutputStream(file)) {
            NDList list = new NDList();
            graph.weights().forEach((name, data) -> {
                NDArray a =
                        Tensors.create(m, data, new Shape(graph.weightShapes().get(name)));
                a.setName(name);
                list.add(a);
            });
            list.encode(os, NDList.Encoding.SAFETENSORS);
        }
    }
}
