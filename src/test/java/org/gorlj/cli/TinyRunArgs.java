package org.gorlj.cli;

import java.nio.file.Path;

/** The command line of the tiny PPO run (256 steps on classic/pendulum) that CLI tests train before probing a run. */
public final class TinyRunArgs {
    private TinyRunArgs() {}

    /** {@code train --quiet --out DIR} with 2 copies of 64 steps and 2 minibatches. */
    public static String[] train(Path dir) {
        return new String[] {
            "train",
            "--quiet",
            "--out",
            dir.toString(),
            "--steps",
            "256",
            "--set",
            "num_envs=2",
            "--set",
            "num_steps=64",
            "--set",
            "num_minibatches=2"
        };
    }
}
