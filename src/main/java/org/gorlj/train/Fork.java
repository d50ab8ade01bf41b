package org.gorlj.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gorlj.algo.Algorithm;
import org.gorlj.config.Config;
import org.gorlj.config.ConfigException;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.gorlj.nn.Torch;
import org.gorlj.run.CheckpointData;

/**
 * A fork: a new run that starts from another run's checkpoint (weights, optimiser, normaliser,
 * generators, environments, counters and the metrics rows the checkpoint covers) with changed
 * knobs, and continues as a resume. Its {@code config.json} holds the parent's settings with the
 * new assignments applied and a {@code parent} object (directory, checkpoint, global step).
 *
 * <p>Knobs whose change alters the shape of the saved state (a network width, the number of
 * environment copies, the replay buffer's size) cannot change mid-run: the algorithm is built
 * with the new settings and the parent's checkpoint is loaded into it; a differing tensor name or
 * length, or a state that does not load, is refused with one line naming the changed knobs. The
 * seed is refused too (the checkpoint holds the generators it seeded), and {@code total_steps}
 * must exceed the checkpoint's step.
 *
 * <p>A fork may also switch to another algorithm with the same settings whose state the checkpoint
 * loads into: GoRL-FM's run forked into GoRL-Diff at a stage boundary continues the same latent
 * policy, critic and environments with a diffusion decoder fitted from there on.
 *
 * <p>The parent is only read, never locked: checkpoints are replaced atomically and
 * {@code metrics.csv} holds at least the rows of any checkpoint already written (rows are flushed
 * before the checkpoint that covers them), so a running parent can be forked. The caller holds the
 * new run's lock.
 */
public final class Fork {
    private Fork() {}

    /** The checkpoints a fork may start from: latest, best, or one kept at a step ({@code checkpoint_at_step}). */
    private static final Pattern CHECKPOINT = Pattern.compile("latest|best|step-([0-9]{1,18})");

    /**
     * Where a fork comes from, as recorded in its {@code config.json}.
     *
     * @param dir the parent's run directory
     * @param checkpoint {@code latest}, {@code best} or {@code step-<N>}
     * @param globalStep the checkpoint's environment step
     */
    public record Parent(String dir, String checkpoint, long globalStep) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", dir);
            m.put("checkpoint", checkpoint);
            m.put("global_step", globalStep);
            return m;
        }
    }

    /**
     * Creates the fork's directory ({@code out}, which must not exist or be empty but for its lock
     * file) from a parent run's checkpoint, and returns the trainer that continues it.
     *
     * @param which {@code latest}, {@code best} or {@code step-<N>} (kept by {@code checkpoint_at_step})
     * @param sets the new {@code key=value} assignments, applied over the parent's settings
     * @throws ConfigException (one line) for a missing parent or checkpoint, or a knob that cannot change
     */
    public static Trainer create(Path parentDir, String which, Path out, List<String> sets, PrintStream console)
            throws IOException {
        prepare(parentDir, which, null, out, sets);
        return Trainer.open(out, console);
    }

    /**
     * Writes the fork's directory as {@link #create} does ({@code config.json} with its parent,
     * the checkpoint, the covered metrics rows), ready to be resumed; returns its config.
     *
     * @param algo the fork's algorithm, null for the parent's
     */
    public static RunConfig prepare(Path parentDir, String which, String algo, Path out, List<String> sets)
            throws IOException {
        Plan plan = plan(parentDir, which, algo, sets);
        plan.writeTo(out);
        return plan.run();
    }

    /**
     * A checked fork, not yet written: the parent's checkpoint as read and the fork's config.
     *
     * @param parentDir the parent's run directory
     * @param which the checkpoint's name
     * @param run the fork's config
     * @param checkpoint the checkpoint the fork starts from
     * @param step its environment step
     */
    public record Plan(Path parentDir, String which, RunConfig run, CheckpointData checkpoint, long step) {
        /**
         * Writes the fork into {@code out} (which must not exist or be empty but for its lock file):
         * {@code config.json} with the parent, the checkpoint as read (so a running parent's newer
         * checkpoint cannot slip in), and the parent's {@code metrics.csv}, which the resume cuts
         * back to the rows the checkpoint covers.
         */
        public void writeTo(Path out) throws IOException {
            Trainer.requireEmpty(out);
            RunDirectory d = new RunDirectory(out);
            Files.createDirectories(d.checkpoints());
            run.write(d.config(), Map.of("parent", new Parent(parentDir.toString(), which, step).asMap()));
            run.writeTo(checkpoint); // the fork's settings, which its resume checks config.json against
            checkpoint.write(d.latest());
            Path metrics = new RunDirectory(parentDir).metrics();
            if (Files.isRegularFile(metrics)) {
                Files.copy(metrics, d.metrics(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Reads the parent's config and checkpoint and checks the fork's knobs; writes nothing.
     *
     * @param algo the fork's algorithm, null for the parent's
     * @throws ConfigException (one line) for a missing parent or checkpoint, a knob that cannot
     *     change, or an algorithm the parent's state does not carry over to
     */
    public static Plan plan(Path parentDir, String which, String algo, List<String> sets) {
        Matcher m = CHECKPOINT.matcher(which);
        if (!m.matches()) {
            throw new ConfigException("--checkpoint must be latest, best or step-N, got '" + which + "'");
        }
        RunDirectory parent = new RunDirectory(parentDir);
        if (!Files.isDirectory(parentDir)) {
            throw new ConfigException("no run directory at " + parentDir);
        }
        RunConfig parentRun = RunConfig.read(parent.config());
        Path file = switch (which) {
            case "latest" -> parent.latest();
            case "best" -> parent.best();
            default -> parent.stepCheckpoint(Long.parseLong(m.group(1)));
        };
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("run " + parentDir + " has no " + which + " checkpoint to fork from");
        }
        CheckpointData ck = CheckpointData.read(file);
        parentRun.requireMatches(ck, file);
        long step = ck.metaLong("global_step");
        RunConfig run = forkedConfig(parentRun, algo, sets, step);
        requireSameStateShape(parentRun, run, ck);
        return new Plan(parentDir, which, run, ck, step);
    }

    /**
     * The parent's settings with the assignments applied, validated for the fork's algorithm; the
     * assignments are recorded after the parent's overrides.
     *
     * @param algo the fork's algorithm, null for the parent's; another one must take the same settings
     */
    public static RunConfig forkedConfig(RunConfig parent, String algo, List<String> sets, long step) {
        String forkAlgo = algo == null ? parent.algo() : algo;
        if (!Algorithms.knobs(forkAlgo).equals(Algorithms.knobs(parent.algo()))) {
            throw new ConfigException("a fork cannot change the algorithm from " + parent.algo() + " to " + forkAlgo
                    + ": their settings differ (a fork may switch between algorithms that share theirs, such as "
                    + "gorl-fm and gorl-diffusion)");
        }
        Config c = parent.config();
        for (String a : sets) {
            c = c.withAssignment(a);
        }
        Algorithms.validate(forkAlgo, c);
        if (c.getLong("seed") != parent.config().getLong("seed")) {
            throw new ConfigException(
                    "a fork keeps its parent's seed " + parent.config().getLong("seed")
                            + " (the checkpoint holds the generators it seeded); start a new run for another seed");
        }
        if (c.getLong("total_steps") <= step) {
            throw new ConfigException("the checkpoint is at step " + step + " but total_steps is "
                    + c.getLong("total_steps") + "; give the fork more with --set total_steps=N");
        }
        List<String> overrides = new ArrayList<>(parent.overrides());
        overrides.addAll(sets);
        return new RunConfig(parent.task(), forkAlgo, parent.preset(), List.copyOf(overrides), c);
    }

    /** The knobs whose values differ between two configs of one algorithm, in schema order. */
    static List<String> changedKnobs(Config a, Config b) {
        return a.asMap().keySet().stream()
                .filter(k -> !Objects.equals(a.asMap().get(k), b.asMap().get(k)))
                .toList();
    }

    /**
     * Builds the algorithm with the fork's settings and loads the parent's checkpoint into it:
     * refuses (naming the changed knobs) a tensor the fresh state lacks or sizes otherwise, and a
     * state that does not load.
     */
    private static void requireSameStateShape(RunConfig parent, RunConfig fork, CheckpointData ck) {
        List<String> changes = new ArrayList<>();
        if (!fork.algo().equals(parent.algo())) {
            changes.add("the algorithm to " + fork.algo());
        }
        changedKnobs(parent.config(), fork.config()).stream()
                .filter(k -> !k.equals("total_steps")) // the budget shapes no state
                .forEach(changes::add);
        String changed = "changing " + String.join(", ", changes);
        Torch.start(fork.config().getInt("torch_threads"));
        Task task = TaskRegistry.get(fork.task());
        try (Algorithm alg = Algorithms.create(fork.algo(), fork.config(), task)) {
            CheckpointData fresh = new CheckpointData();
            alg.save(fresh);
            for (Map.Entry<String, float[]> e : ck.tensors().entrySet()) {
                float[] now = fresh.tensors().get(e.getKey());
                if (now != null && now.length != e.getValue().length) {
                    throw new ConfigException(shapeChange(changed, e.getKey(), now.length + " values", e.getValue()));
                }
            }
            try {
                alg.load(ck);
            } catch (RuntimeException e) {
                throw new ConfigException("a fork cannot change the saved state's shape: " + changed
                        + " and the checkpoint does not load: " + e.getMessage());
            }
            // a state saves some tensors only when it has them (a stage's best encoder, a data set being
            // collected): the loaded state, saved again, must hold exactly the checkpoint's tensors
            CheckpointData reloaded = new CheckpointData();
            alg.save(reloaded);
            for (Map.Entry<String, float[]> e : ck.tensors().entrySet()) {
                float[] now = reloaded.tensors().get(e.getKey());
                if (now == null || now.length != e.getValue().length) {
                    throw new ConfigException(shapeChange(
                            changed, e.getKey(), now == null ? "absent" : now.length + " values", e.getValue()));
                }
            }
            for (String name : reloaded.tensors().keySet()) {
                if (!ck.tensors().containsKey(name)) {
                    throw new ConfigException("a fork cannot change the saved state's shape: " + changed
                            + " adds tensor '" + name + "', which the checkpoint lacks");
                }
            }
        }
    }

    private static String shapeChange(String changed, String tensor, String now, float[] saved) {
        return "a fork cannot change the saved state's shape: " + changed + " makes tensor '" + tensor + "' " + now
                + " where the checkpoint has " + saved.length;
    }
}
