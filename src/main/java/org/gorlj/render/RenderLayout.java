package org.gorlj.render;

/**
 * Byte offsets and sizes inside MuJoCo 2.2.2's visualisation and rendering structs ({@code mjv*},
 * {@code mjr*}) and the few model fields the renderer reads, with the enum values it passes, and the
 * OSMesa and OpenGL constants of the offscreen context. Each
 * entry carries the C expression that defines it; {@code RenderLayoutProbeTest} compiles them with
 * gcc against the installed headers and checks every value.
 */
enum RenderLayout {
    CONTEXT_SIZE("sizeof(mjrContext)", 2304),
    SCENE_SIZE("sizeof(mjvScene)", 8656),
    SCENE_MAXGEOM("offsetof(mjvScene, maxgeom)", 0),
    SCENE_NGEOM("offsetof(mjvScene, ngeom)", 4),
    SCENE_GEOMS("offsetof(mjvScene, geoms)", 8),
    GEOM_SIZE("sizeof(mjvGeom)", 248),
    CAMERA_SIZE("sizeof(mjvCamera)", 64),
    CAMERA_TYPE("offsetof(mjvCamera, type)", 0),
    CAMERA_FIXEDCAMID("offsetof(mjvCamera, fixedcamid)", 4),
    CAMERA_TRACKBODYID("offsetof(mjvCamera, trackbodyid)", 8),
    CAMERA_LOOKAT("offsetof(mjvCamera, lookat)", 16),
    CAMERA_DISTANCE("offsetof(mjvCamera, distance)", 40),
    CAMERA_AZIMUTH("offsetof(mjvCamera, azimuth)", 48),
    CAMERA_ELEVATION("offsetof(mjvCamera, elevation)", 56),
    OPTION_SIZE("sizeof(mjvOption)", 68),
    PERTURB_SIZE("sizeof(mjvPerturb)", 104),
    RECT_SIZE("sizeof(mjrRect)", 16),
    MODEL_NCAM("offsetof(mjModel, ncam)", 32),
    MODEL_OFFWIDTH("offsetof(mjModel, vis.global.offwidth)", 496),
    MODEL_OFFHEIGHT("offsetof(mjModel, vis.global.offheight)", 500),
    MODEL_OFFSAMPLES("offsetof(mjModel, vis.quality.offsamples)", 508),
    MODEL_JNT_BODYID("offsetof(mjModel, jnt_bodyid)", 1304),
    MODEL_JNT_LIMITED("offsetof(mjModel, jnt_limited)", 1320),
    CAMERA_KIND_TRACKING("mjCAMERA_TRACKING", 1),
    CAMERA_KIND_FIXED("mjCAMERA_FIXED", 2),
    CATEGORY_ALL("mjCAT_ALL", 7),
    FRAMEBUFFER_OFFSCREEN("mjFB_OFFSCREEN", 1),
    FONTSCALE_100("mjFONTSCALE_100", 100),
    GEOM_TYPE_BOX("mjGEOM_BOX", 6),
    JOINT_SLIDE("mjJNT_SLIDE", 2),
    OSMESA_RGBA("OSMESA_RGBA", 0x1908),
    GL_UNSIGNED_BYTE("GL_UNSIGNED_BYTE", 0x1401);

    /** The C expression (an {@code offsetof}, {@code sizeof} or enum constant) that defines the value. */
    final String cExpression;
    /** The value for MuJoCo 2.2.2 on x86-64 Linux. */
    final long value;

    RenderLayout(String cExpression, long value) {
        this.cExpression = cExpression;
        this.value = value;
    }

    /** The value as an int. */
    int intValue() {
        return Math.toIntExact(value);
    }
}
