package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gorlj.config.ConfigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench with {@code "video": true} films each MuJoCo task x method's best run and links it from results.md. */
class BenchVideoTest {
    private static Path write(Path tmp, String tasks, String video) throws Exception {
        Path f = tmp.resolve("v.json");
        Files.writeString(
                f, """
                {"tasks": [%s], "algorithms": ["ppo"], "seeds": 1, "steps": 128, "set": [%s], "video": %s,
                 "out": "%s", "results": "%s"}
                """.formatted(tasks, BenchRunTest.SMALL, video, tmp.resolve("runs"), tmp.resolve("results")));
        return f;
    }

    @Test
    @Tag("slow")
    void filmsTheBestRunOnceAndLinksIt(@TempDir Path tmp) throws Exception {
        BenchSpec spec = BenchSpec.read(write(tmp, "\"gym/hopper\", \"classic/pendulum\"", "true"));
        assertThat(spec.video()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bench.Outcome o = Bench.run(spec, 2, new PrintStream(out, true, StandardCharsets.UTF_8));
        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(o).as(console).isEqualTo(new Bench.Outcome(0, 2, 0, 0));
        assertThat(console).contains("[video ] classic/pendulum: no MuJoCo model to film; skipped");
        assertThat(BenchVideos.file(spec, "classic/pendulum", "ppo")).isEmpty();
        Path file = BenchVideos.file(spec, "gym/hopper", "ppo").orElseThrow(() -> new AssertionError(console));
        Matcher filmed = Pattern.compile("\\[video \\] gym/hopper ppo seed 1: \\w+ checkpoint at step [\\d,]+, return "
                        + "-?[\\d.]+ over (\\d+) steps -> " + Pattern.quote(file.toString()))
                .matcher(console);
        assertThat(filmed.find()).as(console).isTrue();
        int steps = Integer.parseInt(filmed.group(1));
        if (file.toString().endsWith(".mp4")) {
            // one frame of the initial state and one per step; this machine's ffmpeg 5.1 (libx264) reads back one
            // frame fewer for 70 random 480x480 frames piped in at 125 frames/s by hand (70 at 16x16), so the last
            // frame may be missing from the count
            assertThat(ffprobeFrames(file)).isBetween(steps, steps + 1);
        } else { // no ffmpeg here: a GIF keeps one frame in 3 at hopper's 125 frames/s
            System.out.println("ffmpeg is not installed: checking the GIF written in place of the MP4");
            assertThat(gifFrames(file)).isEqualTo((steps + 1 + 2) / 3);
        }
        String md = Files.readString(spec.results().resolve("results.md"));
        assertThat(md)
                .contains("## Videos")
                .contains("- [gym/hopper / ppo](" + file.getFileName() + "): seed 1, final evaluation return ");

        // a video newer than its run's best checkpoint is not filmed again
        FileTime filmedAt = Files.getLastModifiedTime(file);
        out.reset();
        assertThat(Bench.run(spec, 2, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(new Bench.Outcome(2, 0, 0, 0));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("[video ] gym/hopper");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(filmedAt);
        assertThat(Files.readString(spec.results().resolve("results.md"))).contains("(" + file.getFileName() + ")");
    }

    @Test
    void aBadVideoValueIsRefusedAndTheDefaultIsOff(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> BenchSpec.read(write(tmp, "\"classic/pendulum\"", "\"yes\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(tmp.resolve("v.json") + ": \"video\" must be true or false, got \"yes\"");
        Path plain = tmp.resolve("plain.json");
        Files.writeString(plain, """
                {"tasks": ["classic/pendulum"], "algorithms": ["ppo"], "seeds": 1, "steps": 128}
                """);
        assertThat(BenchSpec.read(plain).video()).isFalse();
        assertThat(BenchSpec.read(write(tmp, "\"classic/pendulum\"", "false")).video())
                .isFalse();
    }

    private static int ffprobeFrames(Path file) throws Exception {
        Process p = new ProcessBuilder(
                        "ffprobe",
                        "-v",
                        "error",
                        "-count_frames",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "stream=nb_read_frames",
                        "-of",
                        "csv=p=0",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(text.strip());
    }

    private static int gifFrames(Path file) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }
}
