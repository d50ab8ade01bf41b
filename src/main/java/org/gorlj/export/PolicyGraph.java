package org.gorlj.export;

import java.util.List;
import org.gorlj.algo.Algorithm;
import org.gorlj.algo.flowpolicy.FlowPolicy;
import org.gorlj.algo.flowpolicy.FlowPolicyAlgorithm;
import org.gorlj.algo.flowpolicy.FlowPolicyConfig;
import org.gorlj.algo.gorl.GorlAlgorithm;
import org.gorlj.algo.gorl.PpoLatentLearner;
import org.gorlj.algo.gorl.SacLatentLearner;
import org.gorlj.algo.ppo.PpoAlgorithm;
import org.gorlj.algo.sac.SacAlgorithm;
import org.gorlj.config.Config;
import org.gorlj.env.BoxSpace;
import org.gorlj.generative.ActionScale;
import org.gorlj.generative.Decoder;
import org.gorlj.generative.DiffusionDecoder;
import org.gorlj.generative.FlowNetwork;
import org.gorlj.generative.ObservationStats;
import org.gorlj.generative.TimeEmbedding;
import org.gorlj.nn.Mlp;
import org.gorlj.nn.RunningMeanStd;
import org.gorlj.onpolicy.ObservationNormalizer;
import org.gorlj.policy.GaussianPolicy;

/**
 * The ONNX graph of a restored algorithm's policy: what its {@link org.gorlj.algo.Actor} computes,
 * step for step, from the raw observation to the executed action. Observation normalisation, noise
 * and the squash into the action box are computed in double exactly as the Java code does; the
 * networks in float.
 *
 * <p>Inputs: {@code obs} {@code [N, obsDim]}; {@code noise} {@code [N, blocks * actDim]} where the policy
 * draws noise: the Gaussian's standard-normal draws (PPO, SAC, the GoRL encoders, when stochastic), the
 * flow policy's start (FPO, DPPO; also deterministic unless {@code flow_eval_start=zero}), then DPPO's
 * per-step noise when stochastic (block k + 1 is the noise of Euler step k). Output: {@code action}
 * {@code [N, actDim]}.
 */
final class PolicyGraph {
    /** What was built: the graph and the width of its noise input in blocks of {@code actDim} (0: no noise input). */
    record Built(OnnxGraph graph, int obsDim, int actDim, int noiseBlocks) {}

    private final OnnxGraph g = new OnnxGraph();
    private final int obsDim;
    private final int actDim;
    private final boolean stochastic;
    private OnnxGraph.Ref obs;
    private OnnxGraph.Ref noise;
    private int noiseBlocks;

    private PolicyGraph(int obsDim, int actDim, boolean stochastic) {
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.stochastic = stochastic;
    }

    /** The policy of {@code alg} (deterministic unless {@code stochastic}) as a graph. */
    static Built of(Algorithm alg, Config config, boolean stochastic) {
        return switch (alg) {
            case PpoAlgorithm p ->
                new PolicyGraph(p.envs().observationDim(), p.envs().actionDim(), stochastic).gaussianPpo(p);
            case SacAlgorithm s ->
                new PolicyGraph(s.envs().observationDim(), s.envs().actionDim(), stochastic).sac(s);
            case FlowPolicyAlgorithm f ->
                new PolicyGraph(f.envs().observationDim(), f.envs().actionDim(), stochastic)
                        .flowPolicy(f, FlowPolicyConfig.from(config));
            case GorlAlgorithm gorl ->
                new PolicyGraph(
                                gorl.latentLearner().envs().observationDim(),
                                gorl.latentLearner().envs().actionDim(),
                                stochastic)
                        .gorl(gorl);
            default ->
                throw new IllegalArgumentException(
                        "no ONNX export for " + alg.getClass().getSimpleName());
        };
    }

    private Built gaussianPpo(PpoAlgorithm p) {
        begin(stochastic ? 1 : 0);
        OnnxGraph.Ref o = normalised(p.observationNormalizer());
        OnnxGraph.Ref x = gaussian("policy", p.learner().policy().snapshot(), o);
        return finish(squash(x, p.envs().actionSpace(), p.ppoConfig().tanh()));
    }

    private Built sac(SacAlgorithm s) {
        begin(stochastic ? 1 : 0);
        OnnxGraph.Ref u = gaussian("actor", s.learner().actor().snapshot(), g.toFloat(obs));
        return finish(squash(u, s.envs().actionSpace(), true));
    }

    private Built flowPolicy(FlowPolicyAlgorithm f, FlowPolicyConfig fcfg) {
        double sigma = f.learner().samplingSigma();
        boolean zeroStart = !stochastic && fcfg.evalStart() == FlowPolicyConfig.EvalStart.ZERO;
        int steps = fcfg.steps();
        begin(zeroStart ? 0 : stochastic && sigma > 0 ? steps + 1 : 1);
        OnnxGraph.Ref o = normalised(f.observationNormalizer());
        FlowPolicy.Snapshot pol = f.learner().policy().snapshot();
        Flow net = new Flow("flow", pol.network(), o);
        OnnxGraph.Ref x = zeroStart ? null : noiseBlock(0, "x0");
        OnnxGraph.Ref scale = g.scalar("output_scale", (float) pol.outputScale());
        OnnxGraph.Ref dt = g.scalar("dt", 1f / pol.steps());
        OnnxGraph.Ref sig = stochastic && sigma > 0 ? g.scalar("sigma", (float) sigma) : null;
        for (int s = 0; s < pol.steps(); s++) {
            OnnxGraph.Ref v = g.mul(net.at(x, (double) s / pol.steps(), "t" + s), scale);
            OnnxGraph.Ref step = g.mul(v, dt);
            x = x == null ? step : g.add(x, step);
            if (stochastic && sigma > 0) {
                x = g.add(x, g.mul(sig, noiseBlock(s + 1, "z" + s)));
            }
        }
        return finish(squash(x, f.envs().actionSpace(), f.ppoConfig().tanh()));
    }

    private Built gorl(GorlAlgorithm gorl) {
        begin(stochastic ? 1 : 0);
        Decoder decoder = gorl.decoder();
        OnnxGraph.Ref raw = g.toFloat(obs);
        OnnxGraph.Ref learnerObs;
        OnnxGraph.Ref eps;
        BoxSpace box;
        switch (gorl.latentLearner()) {
            case PpoLatentLearner p -> {
                learnerObs = normalised(p.ppo().observationNormalizer());
                eps = gaussian("encoder", p.learner().policy().snapshot(), learnerObs);
                box = p.envs().actionSpace();
            }
            case SacLatentLearner s -> {
                learnerObs = raw;
                eps = gaussian("encoder", s.sac().learner().actor().snapshot(), learnerObs);
                box = s.envs().actionSpace();
            }
            default -> throw new IllegalArgumentException("no ONNX export for this GoRL learner");
        }
        ObservationStats stats = decoder.observationStats();
        OnnxGraph.Ref decoderObs = stats == null ? learnerObs : decoderNormalised(stats, raw);
        return finish(squash(actionUnits(decoder, decode(decoder, decoderObs, eps)), box, true));
    }

    private void begin(int blocks) {
        obs = g.input("obs", obsDim);
        noiseBlocks = blocks;
        if (blocks > 0) {
            noise = g.input("noise", blocks * actDim);
        }
    }

    private Built finish(OnnxGraph.Ref action) {
        g.output(action, "action", actDim);
        return new Built(g, obsDim, actDim, noiseBlocks);
    }

    /** Noise block {@code b} ({@code [N, actDim]}, double). */
    private OnnxGraph.Ref noiseDouble(int b, String name) {
        return noiseBlocks == 1 ? noise : g.columns(name, noise, b * actDim, actDim);
    }

    /** Noise block {@code b} as float (the flow policy draws float noise). */
    private OnnxGraph.Ref noiseBlock(int b, String name) {
        return g.toFloat(noiseDouble(b, name));
    }

    /** {@code clip((obs - mean) / sqrt(var + eps), -clip, clip)} in double, then float; or the float cast when off. */
    private OnnxGraph.Ref normalised(ObservationNormalizer n) {
        if (!n.enabled()) {
            return g.toFloat(obs);
        }
        RunningMeanStd s = n.statistics();
        double[] mean = s.mean();
        double[] var = s.variance();
        double[] std = new double[var.length];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(var[j] + s.epsilon());
        }
        OnnxGraph.Ref z = g.div(g.sub(obs, g.doubles("obs_mean", mean)), g.doubles("obs_std", std));
        double c = s.clip();
        return g.toFloat(
                g.clip(z, g.doubles("obs_clip_low", new double[] {-c}), g.doubles("obs_clip_high", new double[] {c})));
    }

    /** The decoder's own normalisation of the float raw observation, in double, then float. */
    private OnnxGraph.Ref decoderNormalised(ObservationStats stats, OnnxGraph.Ref raw) {
        double[] mean = new double[stats.dim()];
        double[] std = new double[stats.dim()];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = stats.mean()[j];
            std[j] = stats.std()[j];
        }
        OnnxGraph.Ref z =
                g.div(g.sub(g.toDouble(raw), g.doubles("decoder_obs_mean", mean)), g.doubles("decoder_obs_std", std));
        return g.toFloat(g.clip(
                z,
                g.doubles("decoder_obs_clip_low", new double[] {-ObservationStats.CLIP}),
                g.doubles("decoder_obs_clip_high", new double[] {ObservationStats.CLIP})));
    }

    /** The Gaussian's mean, or {@code (float) (mean + std * noise)} when stochastic. */
    private OnnxGraph.Ref gaussian(String name, GaussianPolicy.Snapshot pol, OnnxGraph.Ref o) {
        Mlp.Snapshot net = pol.network();
        int layers = net.sizes().length - 1;
        int d = pol.dim();
        OnnxGraph.Ref h = g.forward(g.dense(name, net, 0, layers - 1, 0, -1), o, net.activation(), true);
        OnnxGraph.Ref mean = g.forward(g.dense(name, net, layers - 1, layers, 0, d), h, net.activation(), false);
        if (!stochastic) {
            return mean;
        }
        OnnxGraph.Ref std;
        float[] logStd = pol.logStd();
        if (logStd != null) {
            double[] s = new double[d];
            for (int j = 0; j < d; j++) {
                s[j] = (float) StrictMath.exp(logStd[j]);
            }
            std = g.doubles(name + ".std", s);
        } else {
            OnnxGraph.Ref raw = g.forward(g.dense(name, net, layers - 1, layers, d, d), h, net.activation(), false);
            OnnxGraph.Ref sp = g.toDouble(g.softplus(raw));
            std = g.toDouble(g.toFloat(g.add(sp, g.doubles(name + ".min_std", new double[] {pol.minStd()}))));
        }
        return g.toFloat(g.add(g.toDouble(mean), g.mul(std, noiseDouble(0, name + ".noise"))));
    }

    /** The pre-squash action into the box: tanh then {@code low + (y + 1) * 0.5 * (high - low)}, or a clamp; in double. */
    private OnnxGraph.Ref squash(OnnxGraph.Ref u, BoxSpace box, boolean tanh) {
        OnnxGraph.Ref x = g.toDouble(u);
        if (tanh) {
            double[] range = new double[box.dim()];
            for (int j = 0; j < range.length; j++) {
                range[j] = box.high(j) - box.low(j);
            }
            OnnxGraph.Ref y = g.add(g.tanh(x), g.doubles("one", new double[] {1}));
            y = g.mul(g.mul(y, g.doubles("half", new double[] {0.5})), g.doubles("action_range", range));
            return g.add(g.doubles("action_low", box.low()), y);
        }
        return g.min(g.max(x, g.doubles("action_low", box.low())), g.doubles("action_high", box.high()));
    }

    /** GoRL's decoder from the latent: K Euler steps (flow) or K DDIM steps (diffusion), float. */
    private OnnxGraph.Ref decode(Decoder decoder, OnnxGraph.Ref dobs, OnnxGraph.Ref eps) {
        Flow net = new Flow("decoder", decoder.networkSnapshot(), dobs);
        int k = decoder.steps();
        OnnxGraph.Ref x = eps;
        if (decoder instanceof DiffusionDecoder diffusion) {
            double[] ab = diffusion.alphaBar();
            double[] c = diffusion.skip();
            for (int t = k; t >= 1; t--) {
                OnnxGraph.Ref xd = g.toDouble(x);
                OnnxGraph.Ref r = g.toDouble(net.at(x, (double) t / k, "t" + t));
                OnnxGraph.Ref n = g.add(g.mul(xd, constant("c", t, c[t])), r);
                OnnxGraph.Ref sn = constant("sn", t, StrictMath.sqrt(1 - ab[t]));
                OnnxGraph.Ref x0 = g.div(g.sub(xd, g.mul(sn, n)), constant("sa", t, StrictMath.sqrt(ab[t])));
                x = g.toFloat(g.add(
                        g.mul(constant("sa_prev", t, StrictMath.sqrt(ab[t - 1])), x0),
                        g.mul(constant("sn_prev", t, StrictMath.sqrt(1 - ab[t - 1])), n)));
            }
            return x;
        }
        OnnxGraph.Ref steps = g.scalar("k", k);
        for (int s = 0; s < k; s++) {
            x = g.add(x, g.div(net.at(x, (double) s / k, "t" + s), steps));
        }
        return x;
    }

    /** The decoder's output in action units: {@code x * std + mean} in float when it has an action scale. */
    private OnnxGraph.Ref actionUnits(Decoder decoder, OnnxGraph.Ref x) {
        ActionScale scale = decoder.actionScale();
        if (scale == null) {
            return x;
        }
        int d = scale.dim();
        return g.add(
                g.mul(x, g.floats("decoder_act_std", scale.std(), 1, d)),
                g.floats("decoder_act_mean", scale.mean(), 1, d));
    }

    private OnnxGraph.Ref constant(String name, int t, double v) {
        return g.doubles(name + t, new double[] {v});
    }

    /**
     * A {@link FlowNetwork} over a fixed observation: its first layer split by input rows, so the observation's
     * product is computed once and each time step's embedding enters as a constant added to the bias.
     */
    private final class Flow {
        private final String name;
        private final Mlp.Snapshot mlp;
        private final int od;
        private final int xd;
        private final int hidden;
        private final float[] w0;
        private final float[] b0;
        private final OnnxGraph.Ref obsPart;
        private final OnnxGraph.Ref wx;
        private final List<OnnxGraph.Dense> rest;

        Flow(String name, FlowNetwork.Snapshot net, OnnxGraph.Ref o) {
            this.name = name;
            this.mlp = net.mlp();
            this.od = net.obsDim();
            this.xd = net.xDim();
            this.hidden = mlp.sizes()[1];
            this.w0 = mlp.weights(0);
            this.b0 = mlp.bias(0);
            this.obsPart = g.matMul(o, g.weight(name + ".w0_obs", OnnxGraph.rowsOf(w0, hidden, 0, od), od, hidden));
            this.wx = g.weight(name + ".w0_x", OnnxGraph.rowsOf(w0, hidden, od, xd), xd, hidden);
            this.rest = g.dense(name, mlp, 1, mlp.sizes().length - 1, 0, -1);
        }

        /** The network's output at {@code x} (null: zero) and time {@code t}. */
        OnnxGraph.Ref at(OnnxGraph.Ref x, double t, String tag) {
            float[] e = new float[TimeEmbedding.DIM];
            TimeEmbedding.write(t, e, 0);
            float[] bias = b0.clone();
            for (int j = 0; j < hidden; j++) {
                for (int i = 0; i < TimeEmbedding.DIM; i++) {
                    bias[j] += e[i] * w0[(od + xd + i) * hidden + j];
                }
            }
            OnnxGraph.Ref c = g.floats(name + ".b0_" + tag, bias, hidden);
            OnnxGraph.Ref h = x == null ? g.add(obsPart, c) : g.add(obsPart, g.linear(x, wx, c));
            h = g.activation(h, mlp.activation());
            return g.forward(rest, h, mlp.activation(), false);
        }
    }
}
