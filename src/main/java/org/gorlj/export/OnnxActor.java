package org.gorlj.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gorlj.algo.Actor;
import org.gorlj.util.Rng;
import org.gorlj.util.UserInputException;

/**
 * An exported policy run by ONNX Runtime as an {@link Actor}: {@code gorl eval --onnx} and the tests
 * evaluate the file itself through it. Where the model has a noise input, it draws the noise from the
 * caller's generator in the order the project's own policy draws it (block by block, each block row by
 * row), so a stochastic model given the same generator samples the same actions.
 */
public final class OnnxActor implements Actor, AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int obsDim;
    private final int actDim;
    private final int noiseBlocks;
    private final boolean stochastic;
    private final Map<String, String> metadata;

    private OnnxActor(OrtSession session) throws OrtException {
        this.session = session;
        this.metadata = session.getMetadata().getCustomMetadata();
        this.obsDim = width(session.getInputInfo().get("obs"));
        this.actDim = width(session.getOutputInfo().get("action"));
        this.noiseBlocks = Integer.parseInt(metadata.getOrDefault(OnnxExport.NOISE_BLOCKS, "0"));
        this.stochastic = Boolean.parseBoolean(metadata.getOrDefault(OnnxExport.STOCHASTIC, "false"));
    }

    private static int width(ai.onnxruntime.NodeInfo info) throws OrtException {
        if (info == null) {
            throw new UserInputException("not a GoRL-J policy model: it lacks the input 'obs' or the output 'action'");
        }
        long[] shape = ((ai.onnxruntime.TensorInfo) info.getInfo()).getShape();
        return (int) shape[shape.length - 1];
    }

    /**
     * Opens an exported model with one intra-op thread.
     *
     * @throws UserInputException when the file is missing or not a model ONNX Runtime can load
     */
    public static OnnxActor open(Path model) {
        if (!java.nio.file.Files.isRegularFile(model)) {
            throw new UserInputException("no ONNX model at " + model);
        }
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new OnnxActor(OrtEnvironment.getEnvironment().createSession(model.toString(), options));
        } catch (OrtException e) {
            throw new UserInputException("cannot load the ONNX model " + model + ": " + e.getMessage());
        }
    }

    /** Observation size. */
    public int obsDim() {
        return obsDim;
    }

    /** Action size. */
    public int actDim() {
        return actDim;
    }

    /** Whether the model samples (it was exported with {@code --stochastic}). */
    public boolean stochastic() {
        return stochastic;
    }

    /** The model's metadata properties ({@code gorlj.task}, {@code gorlj.algo}, ...). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Width of the noise input ({@code blocks * actDim}, 0 for none). */
    public int noiseWidth() {
        return noiseBlocks * actDim;
    }

    /** Acts as the exported model does; {@code deterministic} is the model's own (fixed at export). */
    @Override
    public void act(double[] obs, int rows, boolean deterministic, Rng rng, double[] actions) {
        double[] noise = new double[rows * noiseWidth()];
        int w = noiseWidth();
        for (int b = 0; b < noiseBlocks; b++) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < actDim; j++) {
                    noise[r * w + b * actDim + j] = rng.nextGaussian();
                }
            }
        }
        run(obs, noise, rows, actions);
    }

    /** Runs the model on {@code rows} observations with the given noise ({@code rows * noiseWidth()}). */
    public void run(double[] obs, double[] noise, int rows, double[] actions) {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(
                    "obs",
                    OnnxTensor.createTensor(env, DoubleBuffer.wrap(obs, 0, rows * obsDim), new long[] {rows, obsDim}));
            if (noiseBlocks > 0) {
                in.put(
                        "noise",
                        OnnxTensor.createTensor(
                                env, DoubleBuffer.wrap(noise, 0, rows * noiseWidth()), new long[] {rows, noiseWidth()
                                }));
            }
            try (OrtSession.Result out = session.run(in)) {
                ((OnnxTensor) out.get(0)).getDoubleBuffer().get(actions, 0, rows * actDim);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
