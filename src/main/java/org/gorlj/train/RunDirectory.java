package org.gorlj.train;

import java.nio.file.Path;

/**
 * The files of a run directory: {@code config.json}, {@code metrics.csv},
 * {@code checkpoints/latest.ckpt} and {@code checkpoints/best.ckpt}, {@code curve.png},
 * {@code eval.json}.
 */
public record RunDirectory(Path root) {
    public Path config() {
        return root.resolve("config.json");
    }

    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path latest() {
        return checkpoints().resolve("latest.ckpt");
    }

    public Path best() {
        return checkpoints().resolve("best.ckpt");
    }

    public Path curve() {
        return root.resolve("curve.png");
    }

    public Path eval() {
        return root.resolve("eval.json");
    }
}
