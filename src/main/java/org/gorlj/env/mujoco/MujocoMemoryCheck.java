package org.gorlj.env.mujoco;

/**
 * Prints the resident set size while creating and closing many model+data pairs and while resetting
 * one data many times, to show that native memory is freed deterministically. Usage:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... org.gorlj.env.mujoco.MujocoMemoryCheck [pairs] [resets]}
 * (defaults 10,000 and 1,000,000).
 */
public final class MujocoMemoryCheck {
    private static final String MODEL = "models/gym/hopper.xml";

    private MujocoMemoryCheck() {}

    /** Runs the check and prints one line per checkpoint. */
    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int resets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Mujoco.ensureLoaded();
        System.out.printf("start: RSS %d kB%n", MemoryProbe.rssKb());
        long t0 = System.nanoTime();
        for (int i = 1; i <= pairs; i++) {
            try (MjModel m = MjModel.loadResource(MODEL);
                    MjData d = m.makeData()) {
                d.step();
            }
            if (i % (pairs / 10) == 0) {
                System.out.printf(
                        "model+data pairs %d: RSS %d kB (%.1f s)%n",
                        i, MemoryProbe.rssKb(), (System.nanoTime() - t0) / 1e9);
            }
        }
        try (MjModel m = MjModel.loadResource(MODEL);
                MjData d = m.makeData()) {
            t0 = System.nanoTime();
            for (int i = 1; i <= resets; i++) {
                d.reset();
                if (i % (resets / 10) == 0) {
                    System.out.printf(
                            "mj_resetData calls %d: RSS %d kB (%.1f s)%n",
                            i, MemoryProbe.rssKb(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
