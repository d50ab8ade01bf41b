package org.gorlj.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.gorlj.util.UserInputException;

/** Writes frames, all of one size and shown at one rate, to a video file; {@link #close()} finishes the file. */
public interface VideoEncoder extends AutoCloseable {
    /**
     * An encoder for {@code file} by its extension: {@code .mp4} through {@code ffmpeg} when it is on
     * the PATH, else a GIF next to it ({@code .mp4} replaced by {@code .gif}); {@code .gif} by the JDK.
     *
     * @throws UserInputException for another extension
     */
    static VideoEncoder open(Path file, int width, int height, double fps) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gif")) {
            return new GifEncoder(file, width, height, fps);
        }
        if (!lower.endsWith(".mp4")) {
            throw new UserInputException("the video file must end in .mp4 or .gif, got " + file);
        }
        if (Mp4Encoder.available()) {
            return new Mp4Encoder(file, width, height, fps);
        }
        Path gif = file.resolveSibling(name.substring(0, name.length() - ".mp4".length()) + ".gif");
        return new GifEncoder(gif, width, height, fps);
    }

    /** Appends a frame (a {@code TYPE_3BYTE_BGR} image of the encoder's size). */
    void write(BufferedImage frame) throws IOException;

    /** The file being written. */
    Path file();

    /** Frames stored in the file so far (fewer than written when the format keeps one in several). */
    int framesStored();

    /** Finishes and closes the file. */
    @Override
    void close() throws IOException;
}
