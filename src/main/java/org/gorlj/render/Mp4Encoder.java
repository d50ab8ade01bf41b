package org.gorlj.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * MP4 (H.264, yuv420p) through the system's {@code ffmpeg}: frames are piped to it as raw BGR bytes.
 * Frame width and height must be even (the chroma planes of yuv420p are half size).
 */
public final class Mp4Encoder implements VideoEncoder {
    private final Path file;
    private final int width;
    private final int height;
    private final Process ffmpeg;
    private final Path log;
    private final OutputStream pipe;
    private int frames;

    /**
     * Starts {@code ffmpeg} writing {@code file} at {@code fps} frames per second.
     *
     * @throws IOException if {@code ffmpeg} cannot be started
     */
    public Mp4Encoder(Path file, int width, int height, double fps) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("MP4 frames need an even width and height, got " + width + "x" + height);
        }
        this.file = file;
        this.width = width;
        this.height = height;
        this.log = Files.createTempFile("gorl-ffmpeg", ".log");
        List<String> command = List.of(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "bgr24",
                "-s",
                width + "x" + height,
                "-framerate",
                String.format(Locale.ROOT, "%.6f", fps),
                "-i",
                "-",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-crf",
                "23",
                "-pix_fmt",
                "yuv420p",
                "-movflags",
                "+faststart",
                file.toString());
        this.ffmpeg = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .start();
        this.pipe = ffmpeg.getOutputStream();
    }

    /** Whether an {@code ffmpeg} executable is on the PATH. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ffmpeg"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void write(BufferedImage frame) throws IOException {
        if (frame.getWidth() != width
                || frame.getHeight() != height
                || frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " TYPE_3BYTE_BGR frame");
        }
        try {
            pipe.write(((DataBufferByte) frame.getRaster().getDataBuffer()).getData());
        } catch (IOException e) {
            throw new IOException("ffmpeg stopped reading frames: " + ffmpegErrors(), e);
        }
        frames++;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public int framesStored() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        try {
            pipe.close();
            if (!ffmpeg.waitFor(10, TimeUnit.MINUTES)) {
                ffmpeg.destroyForcibly();
                throw new IOException("ffmpeg did not finish " + file + " within 10 minutes");
            }
            if (ffmpeg.exitValue() != 0) {
                throw new IOException(
                        "ffmpeg failed (exit " + ffmpeg.exitValue() + ") writing " + file + ": " + ffmpegErrors());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ffmpeg.destroyForcibly();
            throw new IOException("interrupted while ffmpeg finished " + file, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private String ffmpegErrors() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no message)" : text.replace('\n', ' ');
    }
}
