package org.gorlj.env.mujoco;

/** Kinds of named MuJoCo objects that can be looked up by name ({@code mjtObj}). */
public enum MjObject {
    /** A body ({@code mjOBJ_BODY}). */
    BODY(MjLayout.OBJ_BODY),
    /** A joint ({@code mjOBJ_JOINT}). */
    JOINT(MjLayout.OBJ_JOINT),
    /** A geom ({@code mjOBJ_GEOM}). */
    GEOM(MjLayout.OBJ_GEOM),
    /** A site ({@code mjOBJ_SITE}). */
    SITE(MjLayout.OBJ_SITE),
    /** An actuator ({@code mjOBJ_ACTUATOR}). */
    ACTUATOR(MjLayout.OBJ_ACTUATOR),
    /** A sensor ({@code mjOBJ_SENSOR}). */
    SENSOR(MjLayout.OBJ_SENSOR);

    final int code;

    MjObject(MjLayout code) {
        this.code = code.intValue();
    }

    /** Lower-case name for messages. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
