package org.gorlj.envcheck;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gorlj.env.BoxSpace;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.Task;
import org.gorlj.env.VecEnv;
import org.gorlj.util.Rng;

/**
 * Checks that a task's environment keeps the {@link Env} contract the trainers rely on, the way
 * {@code gorl check-env TASK} does: each check runs on fresh environments of the task, with uniformly
 * random actions, and says what to fix when it fails.
 *
 * <ul>
 *   <li>{@code spaces}: both spaces have dimensions; {@code reset} and {@code step} write every entry of
 *       the observation (no more, no fewer) and reset observations lie inside the observation space;
 *   <li>{@code finite}: observations and rewards stay finite over a rollout;
 *   <li>{@code reset-determinism}: two environments reset with one seed and given the same actions
 *       agree bit for bit, and a second seeded reset starts over;
 *   <li>{@code save-restore}: a state saved mid-run and loaded into another environment continues
 *       exactly as the saved one does (what checkpoints and resume rely on);
 *   <li>{@code termination}: no step is both terminated and truncated, and an episode that reaches
 *       the time limit is truncated, not terminated;
 *   <li>{@code autoreset}: the vectorised environment keeps the final observation of an ended
 *       episode and starts the next one from a fully written reset observation;
 *   <li>{@code action-bounds}: the action space is bounded and actions at its bounds (and beyond,
 *       unless the task rejects them) give finite results;
 *   <li>{@code step-time}: a step takes less than {@link Options#maxStepMillis()} on average.
 * </ul>
 */
public final class EnvChecker {
    /** Bits of the quiet NaN written into observation arrays before a call, to find entries left unwritten. */
    private static final long UNWRITTEN = 0x7ff8_dead_beef_0001L;

    /** The names of the checks, in the order they run. */
    public static final List<String> CHECKS = List.of(
            "spaces",
            "finite",
            "reset-determinism",
            "save-restore",
            "termination",
            "autoreset",
            "action-bounds",
            "step-time");

    /**
     * How thoroughly to check.
     *
     * @param steps environment steps of each rollout (the termination check also plays one whole
     *     episode, up to the task's time limit)
     * @param seed the seed of the environments and of the random actions
     * @param maxStepMillis the mean step time above which {@code step-time} fails
     */
    public record Options(int steps, long seed, double maxStepMillis) {
        /** The command line's defaults: 200 steps, seed 0, 10 ms per step. */
        public static final Options DEFAULTS = new Options(200, 0, 10.0);

        /** Checks the ranges: at least 2 steps, a positive time limit. */
        public Options {
            if (steps < 2) {
                throw new IllegalArgumentException("steps must be at least 2, got " + steps);
            }
            if (!(maxStepMillis > 0)) {
                throw new IllegalArgumentException("maxStepMillis must be positive, got " + maxStepMillis);
            }
        }
    }

    private final Task task;
    private final Options options;

    private EnvChecker(Task task, Options options) {
        this.task = task;
        this.options = options;
    }

    /** Runs every check on {@code task} with {@link Options#DEFAULTS}. */
    public static EnvCheckReport check(Task task) {
        return check(task, Options.DEFAULTS);
    }

    /** Runs every check on {@code task}; a check that fails (or whose environment throws) does not stop the others. */
    public static EnvCheckReport check(Task task, Options options) {
        EnvChecker c = new EnvChecker(task, options);
        List<CheckResult> results = new ArrayList<>();
        for (String check : CHECKS) {
            results.add(c.run(check));
        }
        return new EnvCheckReport(task.name(), results);
    }

    /** A failed check: its message says what is wrong and what to fix. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private CheckResult run(String check) {
        try {
            String seen = switch (check) {
                case "spaces" -> spaces();
                case "finite" -> finite();
                case "reset-determinism" -> resetDeterminism();
                case "save-restore" -> saveRestore();
                case "termination" -> termination();
                case "autoreset" -> autoreset();
                case "action-bounds" -> actionBounds();
                case "step-time" -> stepTime();
                default -> throw new IllegalArgumentException("no check named " + check);
            };
            return new CheckResult(check, true, seen);
        } catch (Failure f) {
            return new CheckResult(check, false, f.getMessage());
        } catch (RuntimeException e) {
            StackTraceElement[] at = e.getStackTrace();
            return new CheckResult(
                    check,
                    false,
                    "the environment threw " + e + (at.length > 0 ? " at " + at[0] : "")
                            + ": reset, step, saveState and loadState must not throw on valid input");
        }
    }

    private static Failure fail(String message) {
        return new Failure(message);
    }

    // --- spaces ---------------------------------------------------------------------------------------

    private String spaces() {
        try (Env env = task.make()) {
            BoxSpace obs = env.observationSpace();
            BoxSpace act = env.actionSpace();
            if (obs.dim() == 0 || act.dim() == 0) {
                throw fail((obs.dim() == 0 ? "observationSpace()" : "actionSpace()")
                        + " has no dimensions: declare the size of what reset/step write and of what step reads");
            }
            double[] o = unwritten(obs.dim());
            for (int k = 0; k < 5; k++) {
                Arrays.fill(o, Double.longBitsToDouble(UNWRITTEN));
                long seed = options.seed() + k;
                writing(obs.dim(), "reset(seed, observation)", () -> env.reset(seed, o));
                requireWritten(o, "reset(seed, observation)");
                requireInside(obs, o, "reset's");
            }
            StepResult r = new StepResult(obs.dim());
            Arrays.fill(r.observation, Double.longBitsToDouble(UNWRITTEN));
            double[] a = randomAction(act, new Rng(options.seed()));
            writing(obs.dim(), "step", () -> env.step(a, r));
            requireWritten(r.observation, "step");
            requireInside(obs, r.observation, "the first step's");
            return "observation of " + obs.dim() + " values, action of " + act.dim() + " in " + bounds(act);
        }
    }

    private static void writing(int dim, String call, Runnable write) {
        try {
            write.run();
        } catch (IndexOutOfBoundsException e) {
            throw fail(call + " wrote past the observation's " + dim
                    + " entries (" + e.getMessage() + "): observationSpace() must have as many dimensions as the"
                    + " observation written");
        }
    }

    private static void requireWritten(double[] o, String call) {
        int i = firstUnwritten(o);
        if (i >= 0) {
            throw fail(call + " left observation[" + i + "] unwritten: write every one of the observation space's "
                    + o.length + " entries (or declare fewer)");
        }
    }

    private static void requireInside(BoxSpace space, double[] o, String whose) {
        for (int i = 0; i < o.length; i++) {
            if (o[i] < space.low(i) || o[i] > space.high(i)) {
                throw fail(whose + " observation[" + i + "] = " + o[i] + " lies outside observationSpace()'s ["
                        + space.low(i) + ", " + space.high(i) + "]: declare the bounds the observations really take"
                        + " (BoxSpace.unbounded where they are not known)");
            }
        }
    }

    // --- finite ---------------------------------------------------------------------------------------

    private String finite() {
        try (Env env = task.make()) {
            Rng actions = new Rng(options.seed() + 1);
            StepResult r = new StepResult(env.observationSpace().dim());
            env.reset(options.seed(), r.observation);
            requireFinite(r.observation, "reset's observation");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int inEpisode = 0;
            for (int t = 1; t <= options.steps(); t++) {
                clear(r);
                env.step(randomAction(env.actionSpace(), actions), r);
                inEpisode++;
                String when = " at step " + inEpisode + " of an episode (step " + t + " after reset with seed "
                        + options.seed() + ")";
                if (!Double.isFinite(r.reward)) {
                    throw fail("the reward is " + r.reward + when
                            + ": rewards must be finite numbers (guard divisions, logarithms and square roots)");
                }
                requireFinite(r.observation, "the observation" + when);
                min = Math.min(min, r.reward);
                max = Math.max(max, r.reward);
                if (r.done()) {
                    env.reset(r.observation);
                    inEpisode = 0;
                }
            }
            return options.steps() + " steps, rewards in [" + fmt(min) + ", " + fmt(max) + "]";
        }
    }

    private static void requireFinite(double[] o, String what) {
        for (int i = 0; i < o.length; i++) {
            if (!Double.isFinite(o[i])) {
                throw fail(what + " has observation[" + i + "] = " + o[i]
                        + ": observations must be finite (end the episode, terminated, before the state blows up)");
            }
        }
    }

    // --- reset determinism ----------------------------------------------------------------------------

    private String resetDeterminism() {
        int steps = Math.min(options.steps(), 50);
        try (Env a = task.make();
                Env b = task.make()) {
            int dim = a.observationSpace().dim();
            StepResult ra = new StepResult(dim);
            StepResult rb = new StepResult(dim);
            a.reset(options.seed(), ra.observation);
            b.reset(options.seed(), rb.observation);
            double[] first = ra.observation.clone();
            int i = firstDifference(ra.observation, rb.observation);
            if (i >= 0) {
                throw fail("two environments reset with seed " + options.seed() + " differ at observation[" + i
                        + "] (" + ra.observation[i] + " vs " + rb.observation[i] + "): draw every random number"
                        + " from the generator reset(seed) seeds (AbstractEnv's rng), not from another source");
            }
            Rng actions = new Rng(options.seed() + 2);
            for (int t = 1; t <= steps; t++) {
                double[] action = randomAction(a.actionSpace(), actions);
                clear(ra);
                clear(rb);
                a.step(action, ra);
                b.step(action.clone(), rb);
                String diff = difference(ra, rb);
                if (diff != null) {
                    throw fail("two environments reset with seed " + options.seed() + " and given the same actions"
                            + " differ after step " + t + " (" + diff + "): step and reset must depend on the state,"
                            + " the action and the seeded generator only (no clock, no unseeded or shared generator)");
                }
                if (ra.done()) {
                    a.reset(ra.observation);
                    b.reset(rb.observation);
                }
            }
            a.reset(options.seed(), ra.observation);
            i = firstDifference(ra.observation, first);
            if (i >= 0) {
                throw fail("reset with seed " + options.seed() + " after " + steps + " steps gives observation[" + i
                        + "] = " + ra.observation[i] + ", the first reset gave " + first[i]
                        + ": reset must start the episode from the seed alone (set every field of the state)");
            }
            return "two environments agree over " + steps + " steps from seed " + options.seed();
        }
    }

    // --- save / restore -------------------------------------------------------------------------------

    private String saveRestore() {
        int before = Math.max(1, options.steps() / 2);
        int after = Math.max(1, options.steps() - before);
        try (Env a = task.make();
                Env b = task.make()) {
            int dim = a.observationSpace().dim();
            Rng actions = new Rng(options.seed() + 3);
            StepResult ra = new StepResult(dim);
            a.reset(options.seed(), ra.observation);
            for (int t = 0; t < before; t++) {
                step(a, randomAction(a.actionSpace(), actions), ra);
            }
            byte[] saved = save(a);
            double[][] plan = new double[after][];
            for (int t = 0; t < after; t++) {
                plan[t] = randomAction(a.actionSpace(), actions);
            }
            StepResult rb = new StepResult(dim);
            b.reset(options.seed() + 1, rb.observation);
            for (int t = 0; t < 3; t++) {
                step(b, randomAction(b.actionSpace(), actions), rb);
            }
            load(b, saved);
            byte[] again = save(b);
            if (!Arrays.equals(saved, again)) {
                throw fail("saveState right after loadState writes other bytes than were loaded (first difference at"
                        + " byte " + Arrays.mismatch(saved, again) + " of " + saved.length
                        + "): loadState must restore everything saveState writes");
            }
            for (int t = 1; t <= after; t++) {
                step(a, plan[t - 1], ra);
                step(b, plan[t - 1].clone(), rb);
                String diff = difference(ra, rb);
                if (diff != null) {
                    throw fail("an environment loaded from a state saved after " + before + " steps differs from the"
                            + " saved one " + t + " steps later (" + diff + "): saveState must write every field that"
                            + " step and reset read, the generator included, and loadState restore them all");
                }
            }
            return "a state of " + saved.length + " bytes continues exactly for " + after + " steps";
        }
    }

    /** One step, then a reset (into the same array) when the episode ended, as a training loop does. */
    private static void step(Env env, double[] action, StepResult r) {
        clear(r);
        env.step(action, r);
        if (r.done()) {
            env.reset(r.observation);
        }
    }

    private static byte[] save(Env env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            env.saveState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void load(Env env, byte[] state) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
        try {
            env.loadState(in);
            if (in.available() > 0) {
                throw fail("loadState read " + (state.length - in.available()) + " of the " + state.length
                        + " bytes saveState wrote: read back exactly what was written");
            }
        } catch (IOException e) {
            throw fail("loadState failed on the bytes saveState wrote (" + e
                    + "): read back exactly what was written, in the same order");
        }
    }

    // --- termination ----------------------------------------------------------------------------------

    private String termination() {
        int limit = task.maxEpisodeSteps();
        try (Env env = task.make()) {
            Rng actions = new Rng(options.seed() + 4);
            StepResult r = new StepResult(env.observationSpace().dim());
            List<String> episodes = new ArrayList<>();
            int total = 0;
            do {
                env.reset(options.seed() + episodes.size(), r.observation);
                int t = 0;
                do {
                    clear(r);
                    env.step(randomAction(env.actionSpace(), actions), r);
                    t++;
                    total++;
                    if (r.terminated && r.truncated) {
                        throw fail("step " + t + " of an episode is both terminated and truncated: an episode ends"
                                + " either in a terminal state of the task (terminated) or is cut short (truncated)");
                    }
                } while (!r.done() && t < limit);
                if (!r.done()) {
                    throw fail("the episode did not end at the time limit of " + limit + " steps: an environment of"
                            + " Task.make() is wrapped in TimeLimit, do not reset its flags");
                }
                if (r.terminated && t == limit && limit > 1) {
                    throw fail("the episode terminated at step " + t + ", the task's time limit: reaching a time"
                            + " limit is a truncation (terminated=false, so the value is bootstrapped); leave it to"
                            + " Task.maxEpisodeSteps");
                }
                episodes.add(t + (r.terminated ? " terminated" : " truncated"));
            } while (total < options.steps() && episodes.size() < 3);
            return "episodes of " + String.join(", ", episodes) + " steps (time limit " + limit + ")";
        }
    }

    // --- autoreset ------------------------------------------------------------------------------------

    /** Passes everything through, and records what the environment wrote on its last step and reset. */
    private static final class Recording implements Env {
        private final Env inner;
        double[] lastStep;
        int stepUnwritten = -1;
        double[] lastReset;
        int resetUnwritten = -1;

        Recording(Env inner) {
            this.inner = inner;
        }

        @Override
        public BoxSpace observationSpace() {
            return inner.observationSpace();
        }

        @Override
        public BoxSpace actionSpace() {
            return inner.actionSpace();
        }

        @Override
        public void reset(long seed, double[] observation) {
            inner.reset(seed, observation);
        }

        @Override
        public void reset(double[] observation) {
            Arrays.fill(observation, Double.longBitsToDouble(UNWRITTEN));
            inner.reset(observation);
            resetUnwritten = firstUnwritten(observation);
            lastReset = observation.clone();
        }

        @Override
        public void step(double[] action, StepResult result) {
            Arrays.fill(result.observation, Double.longBitsToDouble(UNWRITTEN));
            inner.step(action, result);
            stepUnwritten = firstUnwritten(result.observation);
            lastStep = result.observation.clone();
        }

        @Override
        public void saveState(java.io.DataOutput out) throws IOException {
            inner.saveState(out);
        }

        @Override
        public void loadState(java.io.DataInput in) throws IOException {
            inner.loadState(in);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private String autoreset() {
        int limit = Math.min(task.maxEpisodeSteps(), options.steps());
        Recording[] made = new Recording[1];
        Task recorded = new Task(task.name(), task.description(), limit, () -> {
            made[0] = new Recording(task.factory().get());
            return made[0];
        });
        try (VecEnv vec = new VecEnv(recorded, 1, 1)) {
            Recording env = made[0];
            int dim = vec.observationDim();
            vec.reset(options.seed());
            Rng actions = new Rng(options.seed() + 5);
            for (int t = 1; t <= limit; t++) {
                vec.step(randomAction(vec.actionSpace(), actions));
                if (!(vec.terminated()[0] || vec.truncated()[0])) {
                    continue;
                }
                String end = vec.terminated()[0] ? "terminated" : "truncated";
                if (env.stepUnwritten >= 0) {
                    throw fail("step left observation[" + env.stepUnwritten + "] unwritten on the last step of an"
                            + " episode (" + end + " at step " + t + "): write the final observation too; it is kept"
                            + " to bootstrap a truncated episode's value");
                }
                double[] kept = Arrays.copyOfRange(vec.finalObservations(), 0, dim);
                int i = firstDifference(kept, env.lastStep);
                if (i >= 0) {
                    throw fail("the kept final observation differs from the one step wrote at observation[" + i
                            + "]: step must write the observation into result.observation only");
                }
                if (env.resetUnwritten >= 0) {
                    throw fail("reset(observation), which starts the next episode after one ends, left observation["
                            + env.resetUnwritten + "] unwritten: write the new episode's first observation into the"
                            + " array it is given (reset(seed, observation) calls it in AbstractEnv)");
                }
                i = firstDifference(Arrays.copyOf(vec.observations(), dim), env.lastReset);
                if (i >= 0) {
                    throw fail("after the autoreset the observation to act on differs from the reset's at observation["
                            + i + "]: reset(observation) must write the new episode's first observation and keep no"
                            + " reference to the array");
                }
                List<VecEnv.Episode> ended = vec.drainFinishedEpisodes();
                if (ended.size() != 1 || ended.getFirst().length() != t) {
                    throw fail("the vectorised environment counted " + ended + " for an episode of " + t + " steps");
                }
                return "an episode " + end + " at step " + t + " kept its final observation and the next one started"
                        + " from its reset";
            }
            throw fail("no episode ended within the time limit of " + limit + " steps");
        }
    }

    // --- action bounds --------------------------------------------------------------------------------

    private String actionBounds() {
        try (Env env = task.make()) {
            BoxSpace act = env.actionSpace();
            for (int i = 0; i < act.dim(); i++) {
                if (!Double.isFinite(act.low(i)) || !Double.isFinite(act.high(i))) {
                    throw fail("actionSpace() has an infinite bound for action[" + i + "] ([" + act.low(i) + ", "
                            + act.high(i) + "]): give every action dimension finite bounds, the policies squash"
                            + " (tanh) or clip their actions into them");
                }
            }
            int dim = env.observationSpace().dim();
            StepResult r = new StepResult(dim);
            for (String corner : List.of("low", "high", "alternating")) {
                double[] a = new double[act.dim()];
                for (int i = 0; i < a.length; i++) {
                    boolean high = corner.equals("high") || (corner.equals("alternating") && i % 2 == 1);
                    a[i] = high ? act.high(i) : act.low(i);
                }
                env.reset(options.seed(), r.observation);
                clear(r);
                env.step(a.clone(), r);
                requireFiniteStep(
                        r,
                        "the action at the bounds (" + corner + ": " + Arrays.toString(a) + ")",
                        "step must give finite results on the whole closed box, bounds included (tanh policies"
                                + " reach them within rounding)");
                double[] beyond = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    double width = act.high(i) - act.low(i);
                    beyond[i] = a[i] + (a[i] == act.high(i) ? 1 : -1) * Math.max(width, 1.0);
                }
                env.reset(options.seed(), r.observation);
                clear(r);
                try {
                    env.step(beyond, r);
                } catch (IllegalArgumentException rejected) {
                    continue; // the task rejects actions outside its space: allowed
                }
                requireFiniteStep(
                        r,
                        "an action beyond the bounds (" + Arrays.toString(beyond) + ")",
                        "clip actions into the action space (or reject them with an IllegalArgumentException)");
            }
            return "finite results at the bounds " + bounds(act) + " and beyond";
        }
    }

    private static void requireFiniteStep(StepResult r, String what, String fix) {
        if (!Double.isFinite(r.reward)) {
            throw fail(what + " gives the reward " + r.reward + ": " + fix);
        }
        for (int i = 0; i < r.observation.length; i++) {
            if (!Double.isFinite(r.observation[i])) {
                throw fail(what + " gives observation[" + i + "] = " + r.observation[i] + ": " + fix);
            }
        }
    }

    // --- step time ------------------------------------------------------------------------------------

    private String stepTime() {
        try (Env env = task.make()) {
            Rng actions = new Rng(options.seed() + 6);
            StepResult r = new StepResult(env.observationSpace().dim());
            env.reset(options.seed(), r.observation);
            double[][] plan = new double[options.steps()][];
            for (int t = 0; t < plan.length; t++) {
                plan[t] = randomAction(env.actionSpace(), actions);
            }
            long nanos = 0;
            for (double[] a : plan) {
                clear(r);
                long t0 = System.nanoTime();
                env.step(a, r);
                nanos += System.nanoTime() - t0;
                if (r.done()) {
                    env.reset(r.observation);
                }
            }
            double millis = nanos * 1e-6 / plan.length;
            String seen = String.format(
                    "%.1f µs per step (%,.0f steps/s) over %d steps", millis * 1e3, 1e3 / millis, plan.length);
            if (millis > options.maxStepMillis()) {
                throw fail(seen + ", above the limit of " + fmt(options.maxStepMillis()) + " ms: training calls step"
                        + " once per copy and step; make step cheaper (fewer physics substeps, no allocation or I/O)");
            }
            return seen;
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static double[] unwritten(int dim) {
        double[] o = new double[dim];
        Arrays.fill(o, Double.longBitsToDouble(UNWRITTEN));
        return o;
    }

    private static int firstUnwritten(double[] o) {
        for (int i = 0; i < o.length; i++) {
            if (Double.doubleToRawLongBits(o[i]) == UNWRITTEN) {
                return i;
            }
        }
        return -1;
    }

    private static void clear(StepResult r) {
        r.reward = 0;
        r.terminated = false;
        r.truncated = false;
    }

    private static double[] randomAction(BoxSpace space, Rng rng) {
        double[] a = new double[space.dim()];
        for (int i = 0; i < a.length; i++) {
            double lo = Double.isFinite(space.low(i)) ? space.low(i) : -1;
            double hi = Double.isFinite(space.high(i)) ? space.high(i) : 1;
            a[i] = rng.uniform(lo, hi);
        }
        return a;
    }

    /** The first index where two arrays differ bit for bit (NaNs of one kind are equal), or -1. */
    private static int firstDifference(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    /** How two step results differ (reward, flags, observation), or null when they are the same bits. */
    private static String difference(StepResult a, StepResult b) {
        if (Double.doubleToLongBits(a.reward) != Double.doubleToLongBits(b.reward)) {
            return "reward " + a.reward + " vs " + b.reward;
        }
        if (a.terminated != b.terminated || a.truncated != b.truncated) {
            return "terminated/truncated " + a.terminated + "/" + a.truncated + " vs " + b.terminated + "/"
                    + b.truncated;
        }
        int i = firstDifference(a.observation, b.observation);
        return i < 0 ? null : "observation[" + i + "] " + a.observation[i] + " vs " + b.observation[i];
    }

    private static String bounds(BoxSpace space) {
        double lo = space.low(0);
        double hi = space.high(0);
        for (int i = 1; i < space.dim(); i++) {
            if (space.low(i) != lo || space.high(i) != hi) {
                return Arrays.toString(space.low()) + " .. " + Arrays.toString(space.high());
            }
        }
        return "[" + fmt(lo) + ", " + fmt(hi) + "]";
    }

    private static String fmt(double v) {
        return String.format(Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? "%.3g" : "%.3f", v);
    }
}
