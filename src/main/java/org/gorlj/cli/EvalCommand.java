package org.gorlj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gorlj.render.EpisodeVideo;
import org.gorlj.render.MujocoRenderer;
import org.gorlj.train.Divergence;
import org.gorlj.train.Evaluation;
import org.gorlj.train.RunDirectory;
import org.gorlj.train.RunLock;
import org.gorlj.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gorl eval}: evaluate a run's policy. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a run's policy (deterministic unless --stochastic); writes eval.json in the run directory,"
                        + " or with --video films episodes of a MuJoCo task instead.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run directory")
    Path runDir;

    @Option(names = "--episodes", description = "episodes, default 10 (1 with --video)")
    Integer episodes;

    @Option(
            names = "--video",
            paramLabel = "FILE",
            description = "film the episodes into FILE (.mp4 through ffmpeg, else a .gif) instead of writing eval.json")
    Path video;

    @Option(
            names = "--video-size",
            paramLabel = "WxH",
            description = "frame size of --video, default ${DEFAULT-VALUE}",
            defaultValue = "480x480")
    String videoSize;

    @Option(
            names = "--video-samples",
            paramLabel = "N",
            description =
                    "antialiasing samples per pixel of --video (0 renders about 3x faster), default ${DEFAULT-VALUE}",
            defaultValue = "4")
    int videoSamples;

    @Option(names = "--stochastic", description = "sample actions instead of taking the mean")
    boolean stochastic;

    @Option(names = "--checkpoint", description = "best or latest, default ${DEFAULT-VALUE}", defaultValue = "best")
    String checkpoint;

    @Option(
            names = "--seed",
            description = "seed of the evaluation episodes, default ${DEFAULT-VALUE}",
            defaultValue = "12345")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(
            names = "--onnx",
            paramLabel = "FILE",
            description = "evaluate this exported model (gorl export) through ONNX Runtime instead of the checkpoint;"
                    + " prints the result, writes nothing")
    Path onnx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int count = episodes != null ? episodes : video != null ? 1 : 10;
        if (count < 1) {
            throw Main.bad("--episodes must be at least 1, got " + count);
        }
        if (!checkpoint.equals("best") && !checkpoint.equals("latest")) {
            throw Main.bad("--checkpoint must be best or latest, got '" + checkpoint + "'");
        }
        int[] size = null;
        if (video != null) {
            String name = video.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".mp4") && !name.endsWith(".gif")) {
                throw Main.bad("--video must name a .mp4 or .gif file, got " + video);
            }
            if (json) {
                throw Main.bad("--json prints an evaluation; it does not apply to --video");
            }
            size = frameSize(videoSize);
            if (videoSamples < 0 || videoSamples > MujocoRenderer.MAX_MULTISAMPLES) {
                throw Main.bad("--video-samples must be from 0 to " + MujocoRenderer.MAX_MULTISAMPLES + ", got "
                        + videoSamples);
            }
        }
        if (onnx != null) {
            if (video != null) {
                throw Main.bad("--onnx evaluates an exported model; it does not apply to --video");
            }
            return OnnxEvaluation.evaluate(runDir, onnx, count, stochastic, seed, json);
        }
        try (RunLock _ = RunLock.acquire(runDir, "eval " + runDir)) {
            return video != null ? film(count, size[0], size[1]) : evaluate(count);
        }
    }

    /** Parses {@code WxH}: even sizes from 16 to 4096 (MP4's chroma planes are half size). */
    private static int[] frameSize(String text) {
        String[] parts = text.split("x", -1);
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0]);
                int h = Integer.parseInt(parts[1]);
                if (w >= 16 && h >= 16 && w <= 4096 && h <= 4096 && w % 2 == 0 && h % 2 == 0) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Main.bad("--video-size must be WIDTHxHEIGHT with even sizes from 16 to 4096, got '" + text + "'");
    }

    /** Films the episodes and prints their returns and the file written. */
    private int film(int count, int width, int height) throws IOException {
        Evaluation.LoadedPolicy p = Evaluation.load(runDir, checkpoint);
        EpisodeVideo.Result r = EpisodeVideo.record(p, count, seed, !stochastic, video, width, height, videoSamples);
        var err = spec.commandLine().getErr();
        if (!p.checkpoint().equals(checkpoint)) {
            err.println(
                    "warning: the run has no best checkpoint (no evaluation during training yet); filming its latest"
                            + " checkpoint");
        }
        if (!r.file().equals(video)) {
            err.println("warning: ffmpeg is not installed (apt-get install -y ffmpeg); wrote a GIF instead");
        }
        err.flush();
        System.out.printf(
                Locale.ROOT,
                "%s / %s, %s checkpoint at step %,d: %d %s episodes filmed into %s (%d frames at %.1f fps, %dx%d);"
                        + " returns %s; rendering %.1f frames/s, encoding %.1f frames/s%n",
                p.run().task(),
                p.run().algo(),
                p.checkpoint(),
                p.globalStep(),
                count,
                stochastic ? "stochastic" : "deterministic",
                r.file(),
                r.framesStored(),
                r.framesStored() == r.frames() ? r.fps() : r.fps() * r.framesStored() / r.frames(),
                width,
                height,
                Arrays.toString(Arrays.stream(r.returns())
                        .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                        .toArray()),
                r.frames() / r.renderSeconds(),
                r.frames() / r.encodeSeconds());
        return 0;
    }

    /** Evaluates, writes {@code eval.json} and prints the result. */
    private int evaluate(int count) throws IOException {
        Evaluation.Report r = Evaluation.run(runDir, checkpoint, count, !stochastic, seed);
        Divergence diverged = Divergence.read(new RunDirectory(runDir));
        if (diverged != null) {
            spec.commandLine()
                    .getErr()
                    .println("warning: this run diverged: " + diverged.describe() + "; evaluating its " + r.checkpoint()
                            + " checkpoint (step " + r.globalStep() + ")");
        }
        if (!r.checkpoint().equals(checkpoint)) {
            spec.commandLine()
                    .getErr()
                    .println("warning: the run has no best checkpoint (no evaluation during training "
                            + "yet); evaluating its latest checkpoint");
        }
        spec.commandLine().getErr().flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", r.task());
        m.put("algo", r.algo());
        m.put("checkpoint", r.checkpoint());
        m.put("global_step", r.globalStep());
        m.put("deterministic", !stochastic);
        m.put("episodes", count);
        m.put("mean_return", r.result().mean());
        m.put("std_return", r.result().std());
        m.put("returns", r.result().returns());
        m.put("lengths", r.result().lengths());
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(runDir.resolve("eval.json"), tmp -> om.writeValue(tmp.toFile(), m));
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            System.out.printf(
                    "%s / %s, %s checkpoint at step %,d: %s return %.2f +- %.2f over %d episodes%n",
                    r.task(),
                    r.algo(),
                    r.checkpoint(),
                    r.globalStep(),
                    stochastic ? "stochastic" : "deterministic",
                    r.result().mean(),
                    r.result().std(),
                    count);
        }
        return 0;
    }
}
