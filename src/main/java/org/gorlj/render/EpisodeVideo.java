package org.gorlj.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.TimeLimit;
import org.gorlj.env.mujoco.MujocoEnv;
import org.gorlj.train.Evaluation;
import org.gorlj.util.Rng;

/**
 * Plays evaluation episodes of a run's policy and films them: one frame of the initial state and one
 * per control step, with the episode, step and return so far written on each frame, all episodes in
 * one file. Episode {@code k} starts from the same state as episode {@code k} of {@code gorl eval}
 * with the same seed (for the first 64 episodes); deterministic evaluation takes the policy's mean.
 */
public final class EpisodeVideo {
    private EpisodeVideo() {}

    /**
     * What was filmed.
     *
     * @param file the file written (a GIF in place of an MP4 when ffmpeg is missing)
     * @param returns the return of each episode
     * @param lengths the steps of each episode
     * @param frames frames rendered (initial states and steps)
     * @param framesStored frames in the file
     * @param fps frames per second of the control rate
     * @param renderSeconds time spent rendering frames (scene update, drawing, reading the pixels back)
     * @param encodeSeconds time spent captioning and encoding them, including finishing the file
     */
    public record Result(
            Path file,
            double[] returns,
            int[] lengths,
            int frames,
            int framesStored,
            double fps,
            double renderSeconds,
            double encodeSeconds) {}

    /**
     * Films {@code episodes} episodes of {@code policy} into {@code file} ({@code .mp4} or {@code .gif})
     * at {@code width} x {@code height} with {@code multisamples} samples per pixel (see {@link MujocoRenderer}).
     *
     * @throws RenderUnavailableException if the task is not a MuJoCo task or nothing can render here
     */
    public static Result record(
            Evaluation.LoadedPolicy policy,
            int episodes,
            long seed,
            boolean deterministic,
            Path file,
            int width,
            int height,
            int multisamples)
            throws IOException {
        try (Env env = policy.task().make()) {
            if (!(env instanceof TimeLimit limited && limited.inner() instanceof MujocoEnv mujoco)) {
                throw new RenderUnavailableException("task " + policy.task().name()
                        + " has no MuJoCo model to film; --video films the dmc/* and gym/* tasks");
            }
            double fps = 1 / mujoco.dt();
            try (MujocoRenderer renderer = new MujocoRenderer(mujoco.model(), width, height, multisamples)) {
                VideoEncoder encoder = VideoEncoder.open(file, width, height, fps);
                Filming filming = new Filming(policy, renderer, encoder, episodes);
                double[] returns = new double[episodes];
                int[] lengths = new int[episodes];
                try {
                    // the seeds of Evaluator's first batch of copies, and its noise generator
                    Rng seeds = new Rng(seed);
                    Rng episodeSeeds = new Rng(seeds.nextLong());
                    Rng noise = seeds.split();
                    for (int e = 0; e < episodes; e++) {
                        filming.episode(limited, mujoco, e, episodeSeeds.nextLong(), noise, deterministic);
                        returns[e] = filming.episodeReturn;
                        lengths[e] = filming.step;
                    }
                } catch (IOException | RuntimeException e) {
                    try {
                        encoder.close();
                    } catch (IOException | RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
                long closing = System.nanoTime();
                encoder.close(); // finishing the file is part of encoding
                filming.encodeNanos += System.nanoTime() - closing;
                return new Result(
                        encoder.file(),
                        returns,
                        lengths,
                        filming.frames,
                        encoder.framesStored(),
                        fps,
                        filming.renderNanos / 1e9,
                        filming.encodeNanos / 1e9);
            }
        }
    }

    /** The state of one filming: the current episode's counters and the time spent. */
    private static final class Filming {
        private final Evaluation.LoadedPolicy policy;
        private final MujocoRenderer renderer;
        private final VideoEncoder encoder;
        private final int episodes;
        private final BufferedImage frame;
        private double episodeReturn;
        private int step;
        private int frames;
        private long renderNanos;
        private long encodeNanos;

        Filming(Evaluation.LoadedPolicy policy, MujocoRenderer renderer, VideoEncoder encoder, int episodes) {
            this.policy = policy;
            this.renderer = renderer;
            this.encoder = encoder;
            this.episodes = episodes;
            this.frame = renderer.newFrame();
        }

        void episode(TimeLimit env, MujocoEnv mujoco, int index, long seed, Rng noise, boolean deterministic)
                throws IOException {
            double[] obs = new double[env.observationSpace().dim()];
            double[] action = new double[env.actionSpace().dim()];
            StepResult result = new StepResult(obs.length);
            env.reset(seed, obs);
            episodeReturn = 0;
            step = 0;
            film(mujoco, index);
            boolean done = false;
            while (!done) {
                policy.actor().act(obs, 1, deterministic, noise, action);
                env.step(action, result);
                System.arraycopy(result.observation, 0, obs, 0, obs.length);
                episodeReturn += result.reward;
                step++;
                done = result.terminated || result.truncated;
                film(mujoco, index);
            }
        }

        private void film(MujocoEnv mujoco, int index) throws IOException {
            long start = System.nanoTime();
            renderer.render(mujoco.data(), frame);
            long rendered = System.nanoTime();
            Caption.draw(
                    frame,
                    List.of(
                            policy.run().task() + " / " + policy.run().algo(),
                            String.format(Locale.ROOT, "episode %d/%d  step %d", index + 1, episodes, step),
                            String.format(Locale.ROOT, "return %.2f", episodeReturn)));
            encoder.write(frame);
            encodeNanos += System.nanoTime() - rendered;
            renderNanos += rendered - start;
            frames++;
        }
    }
}
