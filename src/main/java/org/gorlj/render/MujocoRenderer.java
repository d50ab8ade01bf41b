package org.gorlj.render;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.gorlj.env.mujoco.MjData;
import org.gorlj.env.mujoco.MjModel;
import org.gorlj.env.mujoco.Mujoco;

/**
 * Draws a MuJoCo model's state with MuJoCo's own renderer ({@code mjv_updateScene}, {@code mjr_render},
 * {@code mjr_readPixels}) into an offscreen buffer of its own {@link OffscreenGl} context, and hands
 * the pixels back as an image. Create, use and close it on one thread (the context's).
 *
 * <p>The camera is the model's first camera when it defines one; otherwise a camera tracking the
 * first body that slides freely (the planar runners: cheetah, hopper, walker), seen from the side,
 * with a mark on the ground every metre so that progress shows; otherwise MuJoCo's default free
 * camera, looking at the whole model.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class MujocoRenderer implements AutoCloseable {
    /** Distance (m) from a tracked body to the camera. */
    static final double TRACK_DISTANCE = 4.0;
    /** Azimuth (degrees) of the tracking camera: looking along +y, at the x-z plane of the planar tasks. */
    static final double TRACK_AZIMUTH = 90;
    /** Elevation (degrees) of the tracking camera: slightly from above. */
    static final double TRACK_ELEVATION = -15;
    /** Ground marks drawn on either side of the tracked body, one per metre. */
    static final int MARKS_EACH_SIDE = 8;

    /** The most samples per pixel asked for (OpenGL implementations commonly allow 16 or more). */
    public static final int MAX_MULTISAMPLES = 16;

    private static final int MAX_GEOMS = 2000;
    private static final GroupLayout RECT = MemoryLayout.structLayout(
            JAVA_INT.withName("left"),
            JAVA_INT.withName("bottom"),
            JAVA_INT.withName("width"),
            JAVA_INT.withName("height"));

    private static Native bindings;

    private final MjModel model;
    private final int width;
    private final int height;
    private final OffscreenGl gl;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment camera;
    private final MemorySegment option;
    private final MemorySegment perturb;
    private final MemorySegment scene;
    private final MemorySegment context;
    private final MemorySegment viewport;
    private final MemorySegment pixels;
    private final MemorySegment markSize;
    private final MemorySegment markPos;
    private final MemorySegment markMat;
    private final MemorySegment markRgba;
    private final int trackedBody;
    private boolean closed;

    /** The C functions the renderer calls. */
    private record Native(
            MethodHandle defaultCamera,
            MethodHandle defaultFreeCamera,
            MethodHandle defaultOption,
            MethodHandle defaultPerturb,
            MethodHandle defaultScene,
            MethodHandle makeScene,
            MethodHandle freeScene,
            MethodHandle updateScene,
            MethodHandle initGeom,
            MethodHandle defaultContext,
            MethodHandle makeContext,
            MethodHandle freeContext,
            MethodHandle setBuffer,
            MethodHandle render,
            MethodHandle readPixels) {}

    /**
     * A renderer of {@code model} producing {@code width} x {@code height} frames with {@code multisamples}
     * samples per pixel for antialiasing (MuJoCo's default is 4; 0 renders about three times faster in
     * software). Sets the model's offscreen buffer ({@code vis.global.offwidth/offheight}, enlarged when
     * the frames need more, and {@code vis.quality.offsamples}).
     *
     * @throws RenderUnavailableException if no offscreen OpenGL context can be made
     */
    public MujocoRenderer(MjModel model, int width, int height, int multisamples) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (multisamples < 0 || multisamples > MAX_MULTISAMPLES) {
            throw new IllegalArgumentException(
                    "multisamples must be in [0, " + MAX_MULTISAMPLES + "], got " + multisamples);
        }
        Native n = bindings();
        this.model = model;
        this.width = width;
        this.height = height;
        this.gl = new OffscreenGl(width, height);
        try {
            MemorySegment m = model.pointer();
            growOffscreenBuffer(m, width, height);
            m.set(JAVA_INT, RenderLayout.MODEL_OFFSAMPLES.value, multisamples);
            camera = arena.allocate(RenderLayout.CAMERA_SIZE.value, 8);
            option = arena.allocate(RenderLayout.OPTION_SIZE.value, 8);
            perturb = arena.allocate(RenderLayout.PERTURB_SIZE.value, 8);
            scene = arena.allocate(RenderLayout.SCENE_SIZE.value, 8);
            context = arena.allocate(RenderLayout.CONTEXT_SIZE.value, 8);
            viewport = arena.allocate(RECT);
            viewport.set(JAVA_INT, 8, width);
            viewport.set(JAVA_INT, 12, height);
            pixels = arena.allocate((long) width * height * 3, 16);
            markSize = arena.allocate(JAVA_DOUBLE, 3);
            markPos = arena.allocate(JAVA_DOUBLE, 3);
            markMat = arena.allocateFrom(JAVA_DOUBLE, 1, 0, 0, 0, 1, 0, 0, 0, 1);
            markRgba = arena.allocateFrom(JAVA_FLOAT, 0.9f, 0.9f, 0.9f, 1f);
            markSize.setAtIndex(JAVA_DOUBLE, 0, 0.02);
            markSize.setAtIndex(JAVA_DOUBLE, 1, 0.4);
            markSize.setAtIndex(JAVA_DOUBLE, 2, 0.002);
            n.defaultOption.invokeExact(option);
            n.defaultPerturb.invokeExact(perturb);
            n.defaultScene.invokeExact(scene);
            n.makeScene.invokeExact(m, scene, MAX_GEOMS);
            n.defaultContext.invokeExact(context);
            n.makeContext.invokeExact(m, context, RenderLayout.FONTSCALE_100.intValue());
            n.setBuffer.invokeExact(RenderLayout.FRAMEBUFFER_OFFSCREEN.intValue(), context);
            trackedBody = placeCamera(n, model, camera);
        } catch (Throwable t) {
            close();
            throw propagate(t);
        }
    }

    /** The frame width in pixels. */
    public int width() {
        return width;
    }

    /** The frame height in pixels. */
    public int height() {
        return height;
    }

    /** The body the camera follows, or -1 for a fixed or free camera. */
    public int trackedBody() {
        return trackedBody;
    }

    /** A new image of the frame size, of the type {@link #render} fills. */
    public BufferedImage newFrame() {
        return new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    }

    /**
     * Draws the state in {@code data} (its positions as computed by the last {@code mj_forward} or
     * step) into {@code frame}, an image made by {@link #newFrame()}.
     */
    public void render(MjData data, BufferedImage frame) {
        gl.checkCurrent();
        if (frame.getWidth() != width
                || frame.getHeight() != height
                || frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("the frame must be a " + width + "x" + height + " TYPE_3BYTE_BGR image");
        }
        Native n = bindings;
        MemorySegment m = model.pointer();
        try {
            if (trackedBody >= 0) {
                // MuJoCo's tracking camera glides towards the body; a video jumps to it (new episodes included)
                for (int i = 0; i < 3; i++) {
                    camera.set(
                            JAVA_DOUBLE,
                            RenderLayout.CAMERA_LOOKAT.value + 8L * i,
                            data.subtreeCom().get(trackedBody, i));
                }
            }
            n.updateScene.invokeExact(
                    m, data.pointer(), option, perturb, camera, RenderLayout.CATEGORY_ALL.intValue(), scene);
            if (trackedBody >= 0) {
                addGroundMarks(n, data.xpos().get(trackedBody, 0));
            }
            n.render.invokeExact(viewport, scene, context);
            n.readPixels.invokeExact(pixels, MemorySegment.NULL, viewport, context);
        } catch (Throwable t) {
            throw propagate(t);
        }
        copyFlipped(frame);
    }

    /** OpenGL rows run bottom-up in RGB order; the image's run top-down in BGR order. */
    private void copyFlipped(BufferedImage frame) {
        byte[] out = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        int row = width * 3;
        byte[] line = new byte[row];
        for (int y = 0; y < height; y++) {
            MemorySegment.copy(pixels, JAVA_BYTE, (long) (height - 1 - y) * row, line, 0, row);
            int o = y * row;
            for (int i = 0; i < row; i += 3) {
                out[o + i] = line[i + 2];
                out[o + i + 1] = line[i + 1];
                out[o + i + 2] = line[i];
            }
        }
    }

    /** Thin light boxes across the ground (z = 0) at every whole metre of x near {@code x}. */
    private void addGroundMarks(Native n, double x) throws Throwable {
        int max = scene.get(JAVA_INT, RenderLayout.SCENE_MAXGEOM.value);
        MemorySegment geoms =
                scene.get(ADDRESS, RenderLayout.SCENE_GEOMS.value).reinterpret(max * RenderLayout.GEOM_SIZE.value);
        int count = scene.get(JAVA_INT, RenderLayout.SCENE_NGEOM.value);
        long first = (long) Math.floor(x) - MARKS_EACH_SIDE;
        for (long k = first; k <= first + 2L * MARKS_EACH_SIDE && count < max; k++, count++) {
            markPos.setAtIndex(JAVA_DOUBLE, 0, k);
            markPos.setAtIndex(JAVA_DOUBLE, 2, 0.002);
            MemorySegment geom = geoms.asSlice(count * RenderLayout.GEOM_SIZE.value, RenderLayout.GEOM_SIZE.value);
            n.initGeom.invokeExact(geom, RenderLayout.GEOM_TYPE_BOX.intValue(), markSize, markPos, markMat, markRgba);
        }
        scene.set(JAVA_INT, RenderLayout.SCENE_NGEOM.value, count);
    }

    /** Makes the offscreen buffer at least the frame size (it is allocated by {@code mjr_makeContext}). */
    private static void growOffscreenBuffer(MemorySegment m, int width, int height) {
        if (m.get(JAVA_INT, RenderLayout.MODEL_OFFWIDTH.value) < width) {
            m.set(JAVA_INT, RenderLayout.MODEL_OFFWIDTH.value, width);
        }
        if (m.get(JAVA_INT, RenderLayout.MODEL_OFFHEIGHT.value) < height) {
            m.set(JAVA_INT, RenderLayout.MODEL_OFFHEIGHT.value, height);
        }
    }

    /** Sets up the camera (see the class comment); returns the tracked body or -1. */
    private static int placeCamera(Native n, MjModel model, MemorySegment camera) throws Throwable {
        MemorySegment m = model.pointer();
        n.defaultCamera.invokeExact(camera);
        n.defaultFreeCamera.invokeExact(m, camera);
        if (m.get(JAVA_INT, RenderLayout.MODEL_NCAM.value) > 0) {
            camera.set(JAVA_INT, RenderLayout.CAMERA_TYPE.value, RenderLayout.CAMERA_KIND_FIXED.intValue());
            camera.set(JAVA_INT, RenderLayout.CAMERA_FIXEDCAMID.value, 0);
            return -1;
        }
        int body = freelySlidingBody(model);
        if (body >= 0) {
            camera.set(JAVA_INT, RenderLayout.CAMERA_TYPE.value, RenderLayout.CAMERA_KIND_TRACKING.intValue());
            camera.set(JAVA_INT, RenderLayout.CAMERA_TRACKBODYID.value, body);
            camera.set(JAVA_DOUBLE, RenderLayout.CAMERA_DISTANCE.value, TRACK_DISTANCE);
            camera.set(JAVA_DOUBLE, RenderLayout.CAMERA_AZIMUTH.value, TRACK_AZIMUTH);
            camera.set(JAVA_DOUBLE, RenderLayout.CAMERA_ELEVATION.value, TRACK_ELEVATION);
        }
        return body;
    }

    /** The body of the model's first slide joint without limits, or -1. */
    static int freelySlidingBody(MjModel model) {
        MemorySegment m = model.pointer();
        int njnt = model.njnt();
        MemorySegment limited =
                m.get(ADDRESS, RenderLayout.MODEL_JNT_LIMITED.value).reinterpret(njnt);
        MemorySegment bodies =
                m.get(ADDRESS, RenderLayout.MODEL_JNT_BODYID.value).reinterpret(4L * njnt);
        for (int j = 0; j < njnt; j++) {
            if (model.jointType(j) == RenderLayout.JOINT_SLIDE.intValue() && limited.get(JAVA_BYTE, j) == 0) {
                return bodies.getAtIndex(JAVA_INT, j);
            }
        }
        return -1;
    }

    /** Frees the scene, the MuJoCo GL context and the OpenGL context. Idempotent; call it on the rendering thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (context != null) {
                bindings.freeContext.invokeExact(context);
            }
            if (scene != null) {
                bindings.freeScene.invokeExact(scene);
            }
        } catch (Throwable t) {
            throw propagate(t);
        } finally {
            gl.close();
            arena.close();
        }
    }

    private static synchronized Native bindings() {
        if (bindings != null) {
            return bindings;
        }
        SymbolLookup lib = Mujoco.library();
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor onePointer = FunctionDescriptor.ofVoid(ADDRESS);
        FunctionDescriptor twoPointers = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);
        bindings = new Native(
                handle(lib, linker, "mjv_defaultCamera", onePointer),
                handle(lib, linker, "mjv_defaultFreeCamera", twoPointers),
                handle(lib, linker, "mjv_defaultOption", onePointer),
                handle(lib, linker, "mjv_defaultPerturb", onePointer),
                handle(lib, linker, "mjv_defaultScene", onePointer),
                handle(lib, linker, "mjv_makeScene", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
                handle(lib, linker, "mjv_freeScene", onePointer),
                handle(
                        lib,
                        linker,
                        "mjv_updateScene",
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
                handle(
                        lib,
                        linker,
                        "mjv_initGeom",
                        FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
                handle(lib, linker, "mjr_defaultContext", onePointer),
                handle(lib, linker, "mjr_makeContext", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT)),
                handle(lib, linker, "mjr_freeContext", onePointer),
                handle(lib, linker, "mjr_setBuffer", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS)),
                handle(lib, linker, "mjr_render", FunctionDescriptor.ofVoid(RECT, ADDRESS, ADDRESS)),
                handle(lib, linker, "mjr_readPixels", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, RECT, ADDRESS)));
        return bindings;
    }

    private static MethodHandle handle(SymbolLookup lib, Linker linker, String name, FunctionDescriptor d) {
        return linker.downcallHandle(
                lib.find(name).orElseThrow(() -> new IllegalStateException("libmujoco has no symbol " + name)), d);
    }

    private static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
