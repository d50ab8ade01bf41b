package org.gorlj.env.mujoco;

/**
 * Byte offsets and sizes inside MuJoCo 2.2.2's C structs, and the enum values the binding uses.
 * Every number the binding reads from a struct comes from this table; each entry carries the C
 * expression that defines it, and {@code MjLayoutProbeTest} compiles those expressions with gcc
 * against the installed headers and checks every value. Never use an offset that is not listed here.
 */
enum MjLayout {
    MJTNUM_SIZE("sizeof(mjtNum)", 8),
    MODEL_SIZE("sizeof(mjModel)", 3280),
    MODEL_NQ("offsetof(mjModel, nq)", 0),
    MODEL_NV("offsetof(mjModel, nv)", 4),
    MODEL_NU("offsetof(mjModel, nu)", 8),
    MODEL_NA("offsetof(mjModel, na)", 12),
    MODEL_NBODY("offsetof(mjModel, nbody)", 16),
    MODEL_NJNT("offsetof(mjModel, njnt)", 20),
    MODEL_NGEOM("offsetof(mjModel, ngeom)", 24),
    MODEL_NSITE("offsetof(mjModel, nsite)", 28),
    MODEL_NSENSOR("offsetof(mjModel, nsensor)", 124),
    MODEL_NMOCAP("offsetof(mjModel, nmocap)", 156),
    MODEL_NCONMAX("offsetof(mjModel, nconmax)", 212),
    MODEL_NSENSORDATA("offsetof(mjModel, nsensordata)", 224),
    MODEL_OPT_TIMESTEP("offsetof(mjModel, opt.timestep)", 232),
    MODEL_OPT_GRAVITY("offsetof(mjModel, opt.gravity)", 280),
    MODEL_QPOS0("offsetof(mjModel, qpos0)", 1096),
    MODEL_BODY_PARENTID("offsetof(mjModel, body_parentid)", 1112),
    MODEL_BODY_POS("offsetof(mjModel, body_pos)", 1208),
    MODEL_BODY_QUAT("offsetof(mjModel, body_quat)", 1216),
    MODEL_BODY_MASS("offsetof(mjModel, body_mass)", 1240),
    MODEL_BODY_SUBTREEMASS("offsetof(mjModel, body_subtreemass)", 1248),
    MODEL_BODY_INERTIA("offsetof(mjModel, body_inertia)", 1256),
    MODEL_JNT_TYPE("offsetof(mjModel, jnt_type)", 1280),
    MODEL_JNT_QPOSADR("offsetof(mjModel, jnt_qposadr)", 1288),
    MODEL_JNT_DOFADR("offsetof(mjModel, jnt_dofadr)", 1296),
    MODEL_JNT_RANGE("offsetof(mjModel, jnt_range)", 1368),
    MODEL_DOF_ARMATURE("offsetof(mjModel, dof_armature)", 1456),
    MODEL_DOF_DAMPING("offsetof(mjModel, dof_damping)", 1464),
    MODEL_GEOM_BODYID("offsetof(mjModel, geom_bodyid)", 1520),
    MODEL_GEOM_SIZE("offsetof(mjModel, geom_size)", 1592),
    MODEL_GEOM_POS("offsetof(mjModel, geom_pos)", 1608),
    MODEL_GEOM_QUAT("offsetof(mjModel, geom_quat)", 1616),
    MODEL_GEOM_FRICTION("offsetof(mjModel, geom_friction)", 1624),
    MODEL_SITE_BODYID("offsetof(mjModel, site_bodyid)", 1680),
    MODEL_SITE_SIZE("offsetof(mjModel, site_size)", 1712),
    MODEL_SITE_POS("offsetof(mjModel, site_pos)", 1720),
    MODEL_SITE_QUAT("offsetof(mjModel, site_quat)", 1728),
    MODEL_ACTUATOR_CTRLLIMITED("offsetof(mjModel, actuator_ctrllimited)", 2744),
    MODEL_ACTUATOR_CTRLRANGE("offsetof(mjModel, actuator_ctrlrange)", 2792),
    MODEL_ACTUATOR_GEAR("offsetof(mjModel, actuator_gear)", 2816),
    MODEL_SENSOR_TYPE("offsetof(mjModel, sensor_type)", 2864),
    MODEL_SENSOR_DIM("offsetof(mjModel, sensor_dim)", 2920),
    MODEL_SENSOR_ADR("offsetof(mjModel, sensor_adr)", 2928),
    DATA_SIZE("sizeof(mjData)", 41176),
    DATA_WARNING("offsetof(mjData, warning)", 24),
    DATA_NCON("offsetof(mjData, ncon)", 40332),
    DATA_TIME("offsetof(mjData, time)", 40336),
    DATA_QPOS("offsetof(mjData, qpos)", 40376),
    DATA_QVEL("offsetof(mjData, qvel)", 40384),
    DATA_ACT("offsetof(mjData, act)", 40392),
    DATA_QACC_WARMSTART("offsetof(mjData, qacc_warmstart)", 40400),
    DATA_CTRL("offsetof(mjData, ctrl)", 40408),
    DATA_QFRC_APPLIED("offsetof(mjData, qfrc_applied)", 40416),
    DATA_XFRC_APPLIED("offsetof(mjData, xfrc_applied)", 40424),
    DATA_MOCAP_POS("offsetof(mjData, mocap_pos)", 40432),
    DATA_MOCAP_QUAT("offsetof(mjData, mocap_quat)", 40440),
    DATA_QACC("offsetof(mjData, qacc)", 40448),
    DATA_SENSORDATA("offsetof(mjData, sensordata)", 40472),
    DATA_XPOS("offsetof(mjData, xpos)", 40480),
    DATA_XQUAT("offsetof(mjData, xquat)", 40488),
    DATA_XMAT("offsetof(mjData, xmat)", 40496),
    DATA_XIPOS("offsetof(mjData, xipos)", 40504),
    DATA_GEOM_XPOS("offsetof(mjData, geom_xpos)", 40536),
    DATA_GEOM_XMAT("offsetof(mjData, geom_xmat)", 40544),
    DATA_SITE_XPOS("offsetof(mjData, site_xpos)", 40552),
    DATA_SITE_XMAT("offsetof(mjData, site_xmat)", 40560),
    DATA_SUBTREE_COM("offsetof(mjData, subtree_com)", 40600),
    DATA_CINERT("offsetof(mjData, cinert)", 40616),
    DATA_CONTACT("offsetof(mjData, contact)", 40752),
    DATA_CVEL("offsetof(mjData, cvel)", 40960),
    DATA_ACTUATOR_FORCE("offsetof(mjData, actuator_force)", 41080),
    DATA_QFRC_ACTUATOR("offsetof(mjData, qfrc_actuator)", 41088),
    DATA_QFRC_CONSTRAINT("offsetof(mjData, qfrc_constraint)", 41136),
    DATA_CFRC_EXT("offsetof(mjData, cfrc_ext)", 41168),
    WARNINGSTAT_SIZE("sizeof(mjWarningStat)", 8),
    WARNINGSTAT_NUMBER("offsetof(mjWarningStat, number)", 4),
    CONTACT_SIZE("sizeof(mjContact)", 528),
    CONTACT_DIST("offsetof(mjContact, dist)", 0),
    CONTACT_POS("offsetof(mjContact, pos)", 8),
    CONTACT_FRAME("offsetof(mjContact, frame)", 32),
    CONTACT_DIM("offsetof(mjContact, dim)", 504),
    CONTACT_GEOM1("offsetof(mjContact, geom1)", 508),
    CONTACT_GEOM2("offsetof(mjContact, geom2)", 512),
    CONTACT_EXCLUDE("offsetof(mjContact, exclude)", 516),
    CONTACT_EFC_ADDRESS("offsetof(mjContact, efc_address)", 520),
    VFS_SIZE("sizeof(mjVFS)", 2024008),
    VFS_FILEDATA("offsetof(mjVFS, filedata)", 2008008),
    OBJ_BODY("mjOBJ_BODY", 1),
    OBJ_JOINT("mjOBJ_JOINT", 3),
    OBJ_GEOM("mjOBJ_GEOM", 5),
    OBJ_SITE("mjOBJ_SITE", 6),
    OBJ_ACTUATOR("mjOBJ_ACTUATOR", 18),
    OBJ_SENSOR("mjOBJ_SENSOR", 19),
    WARN_INERTIA("mjWARN_INERTIA", 0),
    WARN_CONTACTFULL("mjWARN_CONTACTFULL", 1),
    WARN_CNSTRFULL("mjWARN_CNSTRFULL", 2),
    WARN_VGEOMFULL("mjWARN_VGEOMFULL", 3),
    WARN_BADQPOS("mjWARN_BADQPOS", 4),
    WARN_BADQVEL("mjWARN_BADQVEL", 5),
    WARN_BADQACC("mjWARN_BADQACC", 6),
    WARN_BADCTRL("mjWARN_BADCTRL", 7);

    /** The C expression (an {@code offsetof}, {@code sizeof} or enum constant) that defines the value. */
    final String cExpression;
    /** The value for MuJoCo 2.2.2 on x86-64 Linux. */
    final long value;

    MjLayout(String cExpression, long value) {
        this.cExpression = cExpression;
        this.value = value;
    }

    /** The value as an int (for enum constants and small sizes). */
    int intValue() {
        return Math.toIntExact(value);
    }
}
