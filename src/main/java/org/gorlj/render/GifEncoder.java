package org.gorlj.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF written by the JDK's GIF writer (which reduces each frame to 256 colours), looping
 * forever. GIF delays are whole hundredths of a second and viewers slow down delays under two, so at
 * control rates above {@value #MAX_FPS} frames per second only every k-th frame is kept (the smallest
 * k that brings the rate to at most {@value #MAX_FPS}); the delays alternate between neighbouring
 * hundredths so that the video plays in real time.
 */
public final class GifEncoder implements VideoEncoder {
    /** The highest frame rate a GIF is written at. */
    static final double MAX_FPS = 50;

    private final Path file;
    private final int width;
    private final int height;
    private final ImageOutputStream out;
    private final ImageWriter writer;
    private final int stride;
    private final double centisecondsPerStoredFrame;
    private long written;
    private int stored;

    /** Opens {@code file} for frames arriving at {@code fps} frames per second. */
    public GifEncoder(Path file, int width, int height, double fps) throws IOException {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        this.file = file;
        this.width = width;
        this.height = height;
        this.stride = (int) Math.ceil(fps / MAX_FPS - 1e-9);
        this.centisecondsPerStoredFrame = 100.0 * stride / fps;
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        this.out = ImageIO.createImageOutputStream(file.toFile());
        if (out == null) {
            throw new IOException("cannot open " + file + " for writing");
        }
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    /** How many frames arrive for each one kept. */
    int stride() {
        return stride;
    }

    @Override
    public void write(BufferedImage frame) throws IOException {
        if (frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " frame");
        }
        if (written++ % stride != 0) {
            return;
        }
        int delay = (int) (Math.round((stored + 1) * centisecondsPerStoredFrame)
                - Math.round(stored * centisecondsPerStoredFrame));
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        setTiming(metadata, Math.max(1, delay), stored == 0);
        writer.writeToSequence(new IIOImage(frame, null, metadata), param);
        stored++;
    }

    /** Sets the frame's delay and, on the first frame, the "loop forever" application extension. */
    private static void setTiming(IIOMetadata metadata, int delay, boolean first) throws IIOInvalidTreeException {
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delay));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public int framesStored() {
        return stored;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.endWriteSequence();
        } finally {
            writer.dispose();
            out.close();
        }
    }
}
