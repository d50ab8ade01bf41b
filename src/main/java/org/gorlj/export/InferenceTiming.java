package org.gorlj.export;

import java.util.ArrayList;
import java.util.List;
import org.gorlj.algo.Actor;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.util.Rng;

/**
 * Inference time per action of a policy: the project's own actor (plain Java) against the exported model
 * in ONNX Runtime (one thread each), on observations of the policy's own episodes, batch by batch.
 */
public final class InferenceTiming {
    private InferenceTiming() {}

    /** Microseconds per action at one batch size. */
    public record Result(int batch, double javaMicros, double onnxMicros) {}

    /** Times both actors on {@code batches} sizes, each for about {@code seconds} after a warm-up. */
    public static List<Result> measure(Task task, Actor java, OnnxActor onnx, int[] batches, double seconds) {
        int rows = 1024;
        double[] obs = observations(task, java, rows);
        List<Result> out = new ArrayList<>();
        for (int b : batches) {
            boolean det = !onnx.stochastic();
            out.add(new Result(
                    b,
                    micros(java, obs, rows, b, onnx.actDim(), det, seconds),
                    micros(onnx, obs, rows, b, onnx.actDim(), det, seconds)));
        }
        return out;
    }

    /** Observations of the policy's deterministic episodes, 8 copies at a time. */
    private static double[] observations(Task task, Actor actor, int rows) {
        int copies = 8;
        try (VecEnv env = new VecEnv(task, copies, 1)) {
            int od = env.observationDim();
            double[] out = new double[rows * od];
            env.reset(5);
            double[] actions = new double[copies * env.actionDim()];
            Rng rng = new Rng(6);
            for (int t = 0; t < rows / copies; t++) {
                System.arraycopy(env.observations(), 0, out, t * copies * od, copies * od);
                actor.act(env.observations(), copies, true, rng, actions);
                env.step(actions);
            }
            return out;
        }
    }

    /** Microseconds per action acting on consecutive batches of {@code batch} observations. */
    private static double micros(
            Actor actor, double[] obs, int rows, int batch, int actDim, boolean deterministic, double seconds) {
        int od = obs.length / rows;
        int chunks = rows / batch;
        double[][] in = new double[chunks][];
        for (int c = 0; c < chunks; c++) {
            in[c] = java.util.Arrays.copyOfRange(obs, c * batch * od, (c + 1) * batch * od);
        }
        double[] actions = new double[batch * actDim];
        Rng rng = new Rng(7);
        run(actor, in, batch, deterministic, rng, actions, (long) (0.2 * seconds * 1e9));
        long t0 = System.nanoTime();
        long calls = run(actor, in, batch, deterministic, rng, actions, (long) (seconds * 1e9));
        return (System.nanoTime() - t0) * 1e-3 / (calls * batch);
    }

    private static long run(
            Actor actor, double[][] in, int batch, boolean deterministic, Rng rng, double[] actions, long nanos) {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        while (System.nanoTime() < end) {
            actor.act(in[(int) (calls % in.length)], batch, deterministic, rng, actions);
            calls++;
        }
        return calls;
    }
}
