package org.gorlj.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.gorlj.util.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoders write files that open with their frame count and size; GIF timing keeps real time. */
class VideoEncoderTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;

    /** Frame i: a white square at x = i on black, with a caption. */
    private static BufferedImage frame(int i) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(i % (WIDTH - 8), 30, 8, 8);
        g.dispose();
        Caption.draw(image, List.of("step " + i));
        return image;
    }

    @Test
    void gifAtFiftyFramesPerSecondKeepsEveryFrame(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.gif");
        try (VideoEncoder gif = VideoEncoder.open(file, WIDTH, HEIGHT, 50)) {
            for (int i = 0; i < 10; i++) {
                gif.write(frame(i));
            }
            assertThat(gif.framesStored()).isEqualTo(10);
        }
        List<Integer> delays = gifDelays(file);
        assertThat(delays).hasSize(10).containsOnly(2);
    }

    @Test
    void gifAboveFiftyFramesPerSecondKeepsOneFrameInSeveralAndPlaysInRealTime(@TempDir Path dir) throws IOException {
        // 125 fps (gym/hopper's control rate): every 3rd frame, 2.4 hundredths each on average
        Path file = dir.resolve("b.gif");
        try (GifEncoder gif = new GifEncoder(file, WIDTH, HEIGHT, 125)) {
            assertThat(gif.stride()).isEqualTo(3);
            for (int i = 0; i < 31; i++) {
                gif.write(frame(i));
            }
            assertThat(gif.framesStored()).isEqualTo(11);
        }
        List<Integer> delays = gifDelays(file);
        assertThat(delays).hasSize(11).allMatch(d -> d == 2 || d == 3);
        // 11 frames of 3/125 s each: 26.4 hundredths, rounded once at the end
        assertThat(delays.stream().mapToInt(Integer::intValue).sum()).isEqualTo(26);
    }

    @Test
    void mp4ThroughFfmpegHasEveryFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.mp4");
        if (!Mp4Encoder.available()) {
            System.out.println("VideoEncoderTest: ffmpeg is not on the PATH (apt-get install -y ffmpeg): "
                    + "checking the GIF written in place of the MP4 only");
            try (VideoEncoder fallback = VideoEncoder.open(file, WIDTH, HEIGHT, 25)) {
                fallback.write(frame(0));
                assertThat(fallback.file()).isEqualTo(dir.resolve("c.gif"));
            }
            assertThat(gifDelays(dir.resolve("c.gif"))).hasSize(1);
            return;
        }
        try (VideoEncoder mp4 = VideoEncoder.open(file, WIDTH, HEIGHT, 100)) {
            assertThat(mp4).isInstanceOf(Mp4Encoder.class);
            for (int i = 0; i < 40; i++) {
                mp4.write(frame(i));
            }
        }
        String probe = run(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=nb_read_frames,width,height,r_frame_rate",
                "-of",
                "csv=p=0",
                file.toString());
        assertThat(probe.strip()).isEqualTo(WIDTH + "," + HEIGHT + ",100/1,40");
    }

    @Test
    void otherExtensionsAndOddSizesAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> VideoEncoder.open(dir.resolve("x.avi"), WIDTH, HEIGHT, 25))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(".mp4 or .gif");
        assertThatThrownBy(() -> new Mp4Encoder(dir.resolve("x.mp4"), 63, 48, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
    }

    /** The delay of each frame of a GIF, in hundredths; the frames must have the encoder's size. */
    private static List<Integer> gifDelays(Path file) throws IOException {
        List<Integer> delays = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                BufferedImage image = reader.read(i);
                assertThat(image.getWidth()).isEqualTo(WIDTH);
                assertThat(image.getHeight()).isEqualTo(HEIGHT);
                IIOMetadataNode root =
                        (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode)
                        root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
            }
            reader.dispose();
        }
        return delays;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
