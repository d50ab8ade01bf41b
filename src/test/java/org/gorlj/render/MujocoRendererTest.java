package org.gorlj.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.gorlj.env.mujoco.MjData;
import org.gorlj.env.mujoco.MjModel;
import org.junit.jupiter.api.Test;

/** Frames of known states of the DMC cheetah: drawn, not blank, and different when the body moves. */
class MujocoRendererTest {
    private static final int SIZE = 160;

    @Test
    void framesOfAKnownStateAreDrawnAndFollowTheBody() {
        try (MjModel model = MjModel.loadResource("models/dmc/cheetah.xml");
                MjData data = model.makeData();
                MujocoRenderer renderer = new MujocoRenderer(model, SIZE, SIZE, 4)) {
            assertThat(renderer.trackedBody())
                    .as("the cheetah's torso is tracked")
                    .isEqualTo(model.bodyId("torso"));
            data.forward();
            BufferedImage standing = renderer.newFrame();
            renderer.render(data, standing);

            // a lit body and ground in front of a black background: many distinct colours, far from blank
            assertThat(distinctColours(standing)).isGreaterThan(20);
            assertThat(litFraction(standing)).isBetween(0.05, 0.95);

            // the same state renders the same frame
            BufferedImage again = renderer.newFrame();
            renderer.render(data, again);
            assertThat(differingPixels(standing, again)).isZero();

            // bend the back thigh and pitch the torso: the picture changes
            data.qpos().set(2, 0.5);
            data.qpos().set(model.jointQposAddress(model.jointId("bthigh")), 0.9);
            data.forward();
            BufferedImage bent = renderer.newFrame();
            renderer.render(data, bent);
            assertThat(differingPixels(standing, bent)).isGreaterThan(SIZE * SIZE / 100);
        }
    }

    private static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static double litFraction(BufferedImage image) {
        long lit = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0) {
                    lit++;
                }
            }
        }
        return (double) lit / (image.getWidth() * image.getHeight());
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        long n = 0;
        for (int i = 0; i < x.length; i += 3) {
            if (x[i] != y[i] || x[i + 1] != y[i + 1] || x[i + 2] != y[i + 2]) {
                n++;
            }
        }
        return n;
    }
}
