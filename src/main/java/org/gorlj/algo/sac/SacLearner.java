package org.gorlj.algo.sac;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gorlj.algo.Means;
import org.gorlj.nn.Adam;
import org.gorlj.nn.Init;
import org.gorlj.nn.Ops;
import org.gorlj.nn.ParamStore;
import org.gorlj.nn.Tensors;
import org.gorlj.policy.Gaussian;
import org.gorlj.policy.GaussianPolicy;
import org.gorlj.run.DivergenceException;
import org.gorlj.util.Rng;

/**
 * The learning half of SAC: a tanh-Gaussian actor over x in [-1, 1]^d, twin critics on (s, x)
 * with Polyak-averaged targets, the entropy temperature, one Adam for each of the three, and the
 * gradient step on a replay minibatch. It knows nothing of environments or of what x means.
 *
 * <p>One gradient step, as Stable-Baselines3's SAC: with alpha as it stands, (1) the critics regress
 * on r + gamma (1 - terminated) (min target Q(s', x') - alpha log pi(x'|s')), x' drawn from the actor;
 * (2) the actor minimises alpha log pi(x|s) - min Q(s, x) for a reparameterised x; (3) log alpha
 * minimises -log alpha (log pi(x|s) + target entropy), with the actor's log-probabilities held fixed;
 * (4) the targets move a fraction tau toward the critics. All noise comes from the caller's
 * {@link Rng}, so an update is reproducible and resumable.
 */
public final class SacLearner implements AutoCloseable {
    /** LeCun-uniform gain that gives U(-1/sqrt(in), 1/sqrt(in)), PyTorch's default for linear weights. */
    static final double TORCH_DEFAULT_GAIN = 1 / Math.sqrt(3);

    private final SacConfig cfg;
    private final int obsDim;
    private final int xDim;
    private final double targetEntropy;
    private final ParamStore actorStore = new ParamStore();
    private final ParamStore criticStore = new ParamStore();
    private final ParamStore targetStore = new ParamStore();
    private final ParamStore alphaStore = new ParamStore();
    private final GaussianPolicy actor;
    private final TwinCritic critic;
    private final TwinCritic target;
    private final NDArray logAlpha;
    private final Adam actorAdam;
    private final Adam criticAdam;
    private final Adam alphaAdam;

    /** A reparameterised tanh-Gaussian sample and its log-density, each row of the batch. */
    private record TanhSample(NDArray x, NDArray logProb) {}

    /** Fresh networks; the targets start as copies of the critics. */
    public SacLearner(SacConfig cfg, int obsDim, int xDim, Rng initRng) {
        this.cfg = cfg;
        this.obsDim = obsDim;
        this.xDim = xDim;
        this.targetEntropy = cfg.targetEntropyPerDim() * xDim;
        this.actor = new GaussianPolicy(
                actorStore,
                "actor",
                obsDim,
                xDim,
                cfg.actorHidden(),
                cfg.activation(),
                Init.LECUN_UNIFORM,
                TORCH_DEFAULT_GAIN,
                TORCH_DEFAULT_GAIN,
                true,
                0,
                cfg.minStd(),
                initRng);
        this.critic = new TwinCritic(criticStore, obsDim, xDim, cfg.criticHidden(), cfg.activation(), initRng);
        this.target = new TwinCritic(targetStore, obsDim, xDim, cfg.criticHidden(), cfg.activation(), initRng);
        targetStore.copyFrom(criticStore);
        this.logAlpha =
                alphaStore.add("log_ent_coef", new float[] {(float) StrictMath.log(cfg.initEntCoef())}, new Shape(1));
        this.actorAdam = new Adam(List.of(actorStore), 0.9, 0.999, 1e-8);
        this.criticAdam = new Adam(List.of(criticStore), 0.9, 0.999, 1e-8);
        this.alphaAdam = new Adam(List.of(alphaStore), 0.9, 0.999, 1e-8);
    }

    /** The actor (a state-dependent Gaussian over the pre-tanh u; x = tanh(u)). */
    public GaussianPolicy actor() {
        return actor;
    }

    /** The actor's parameters. */
    public ParamStore actorStore() {
        return actorStore;
    }

    /** The online critics' parameters. */
    public ParamStore criticStore() {
        return criticStore;
    }

    /** The target critics' parameters (same names as {@link #criticStore()}). */
    public ParamStore targetStore() {
        return targetStore;
    }

    /** The current entropy coefficient alpha. */
    public double entCoef() {
        return StrictMath.exp(logAlpha.getFloat());
    }

    /** The target entropy (per-dimension setting times the size of x). */
    public double targetEntropy() {
        return targetEntropy;
    }

    /**
     * One gradient step on a replay minibatch, drawing the policy noise from {@code rng}; returns its
     * statistics by metric column: critic_loss, actor_loss, ent_coef (alpha used), ent_coef_loss,
     * entropy (-mean log pi of the actor's samples) and q_mean (mean of the first critic on the batch).
     */
    public Means update(ReplayBuffer.Batch b, Rng rng) {
        int n = b.size();
        float[] nextNoise = new float[n * xDim];
        float[] noise = new float[n * xDim];
        rng.fillGaussian(nextNoise);
        rng.fillGaussian(noise);
        float alpha = (float) entCoef();
        float lr = (float) cfg.learningRate();
        try (NDManager mb = criticStore.manager().newSubManager()) {
            NDArray obs = Tensors.create(mb, b.obs(), new Shape(n, obsDim));
            NDArray x = Tensors.create(mb, b.x(), new Shape(n, xDim));
            NDArray nextObs = Tensors.create(mb, b.nextObs(), new Shape(n, obsDim));
            NDArray reward = Tensors.create(mb, b.rewards());
            NDArray notTerminated = Tensors.create(mb, b.notTerminated());
            // The target is computed outside any gradient recording, so it is a constant.
            TanhSample next = sample(nextObs, Tensors.create(mb, nextNoise, new Shape(n, xDim)));
            NDArray softNextQ = target.min(nextObs, next.x()).sub(Ops.mul(next.logProb(), alpha));
            NDArray y = reward.add(Ops.mul(notTerminated.mul(softNextQ), cfg.gamma()));

            double criticLoss;
            double qMean;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray[] q = critic.forward(obs, x);
                NDArray loss = Ops.mul(
                        q[0].sub(y).square().mean().add(q[1].sub(y).square().mean()), 0.5);
                criticLoss = finite("critic loss", loss.getFloat());
                qMean = q[0].mean().getFloat();
                gc.backward(loss);
            }
            criticAdam.step(lr, 0);

            double actorLoss;
            float[] logProbs;
            criticStore.trackGradients(false); // the actor's loss passes through the critics but must not train them
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                TanhSample s = sample(obs, Tensors.create(mb, noise, new Shape(n, xDim)));
                NDArray loss =
                        Ops.mul(s.logProb(), alpha).sub(critic.min(obs, s.x())).mean();
                actorLoss = finite("actor loss", loss.getFloat());
                logProbs = s.logProb().toFloatArray();
                gc.backward(loss);
            } finally {
                criticStore.trackGradients(true);
            }
            actorAdam.step(lr, 0);

            double entCoefLoss = cfg.autoEntropy() ? updateTemperature(logProbs) : 0;
            targetStore.moveTowards(criticStore, cfg.tau());
            Means stats = new Means();
            stats.add("critic_loss", criticLoss);
            stats.add("actor_loss", actorLoss);
            stats.add("ent_coef", alpha);
            stats.add("ent_coef_loss", entCoefLoss);
            stats.add("entropy", -mean(logProbs));
            stats.add("q_mean", qMean);
            return stats;
        }
    }

    /**
     * One Adam step on log alpha for the loss -log alpha * mean(log pi + target entropy), with the
     * given log-probabilities of actor samples: alpha rises when the policy's entropy (-log pi) is
     * below the target and falls when above.
     *
     * @return the loss before the step
     */
    public double updateTemperature(float[] logProbs) {
        double gap = mean(logProbs) + targetEntropy;
        try (NDManager m = alphaStore.manager().newSubManager()) {
            NDArray coef = Tensors.create(m, new float[] {(float) -gap});
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = coef.mul(logAlpha).sum();
                loss = l.getFloat();
                gc.backward(l);
            }
            alphaAdam.step(cfg.learningRate(), 0);
            return loss;
        }
    }

    private TanhSample sample(NDArray obs, NDArray noise) {
        GaussianPolicy.Dist d = actor.forward(obs);
        NDArray u = d.mean().add(d.std().mul(noise));
        return new TanhSample(u.tanh(), Gaussian.tanhLogProb(u, d.mean(), d.std()));
    }

    private static double finite(String what, float v) {
        if (!Float.isFinite(v)) {
            throw new DivergenceException("SAC " + what + " is " + v);
        }
        return v;
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Adam step counts of actor, critics and temperature (checkpoint metadata). */
    public long[] optimizerSteps() {
        return new long[] {actorAdam.steps(), criticAdam.steps(), alphaAdam.steps()};
    }

    /** Restores what {@link #optimizerSteps()} returned. */
    public void setOptimizerSteps(long[] steps) {
        actorAdam.setSteps(steps[0]);
        criticAdam.setSteps(steps[1]);
        alphaAdam.setSteps(steps[2]);
    }

    /** Parameters and optimiser moments by name, for a checkpoint. */
    public void exportTo(Map<String, float[]> out) {
        out.putAll(actorStore.export());
        out.putAll(criticStore.export());
        targetStore.export().forEach((k, v) -> out.put("target." + k, v));
        out.putAll(alphaStore.export());
        actorAdam.export().forEach((k, v) -> out.put("adam.actor." + k, v));
        criticAdam.export().forEach((k, v) -> out.put("adam.critic." + k, v));
        alphaAdam.export().forEach((k, v) -> out.put("adam.alpha." + k, v));
    }

    /** Restores what {@link #exportTo} wrote. */
    public void importFrom(Map<String, float[]> in) {
        actorStore.load(select(in, "", actorStore.names()));
        criticStore.load(select(in, "", criticStore.names()));
        targetStore.load(select(in, "target.", targetStore.names()));
        alphaStore.load(select(in, "", alphaStore.names()));
        actorAdam.load(withPrefix(in, "adam.actor."));
        criticAdam.load(withPrefix(in, "adam.critic."));
        alphaAdam.load(withPrefix(in, "adam.alpha."));
    }

    private static Map<String, float[]> select(Map<String, float[]> in, String prefix, List<String> names) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : names) {
            float[] v = in.get(prefix + name);
            if (v == null) {
                throw new IllegalArgumentException("checkpoint lacks parameter " + prefix + name);
            }
            out.put(name, v);
        }
        return out;
    }

    private static Map<String, float[]> withPrefix(Map<String, float[]> in, String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    @Override
    public void close() {
        actorStore.close();
        criticStore.close();
        targetStore.close();
        alphaStore.close();
    }
}
