package org.gorlj.env.mujoco;

/** The warnings MuJoCo counts per {@link MjData} ({@code mjtWarning}); see {@link MjData#warningCount}. */
public enum MjWarning {
    /** (Near) singular inertia matrix. */
    INERTIA(MjLayout.WARN_INERTIA),
    /** Too many contacts in the contact list. */
    CONTACT_FULL(MjLayout.WARN_CONTACTFULL),
    /** Too many constraints. */
    CONSTRAINT_FULL(MjLayout.WARN_CNSTRFULL),
    /** Too many visual geoms. */
    VGEOM_FULL(MjLayout.WARN_VGEOMFULL),
    /** Bad number in qpos. */
    BAD_QPOS(MjLayout.WARN_BADQPOS),
    /** Bad number in qvel. */
    BAD_QVEL(MjLayout.WARN_BADQVEL),
    /** Bad number in qacc: the simulation diverged and MuJoCo reset the data. */
    BAD_QACC(MjLayout.WARN_BADQACC),
    /** Bad number in ctrl. */
    BAD_CTRL(MjLayout.WARN_BADCTRL);

    final int index;

    MjWarning(MjLayout index) {
        this.index = index.intValue();
    }
}
