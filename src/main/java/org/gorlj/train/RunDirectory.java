package org.gorlj.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gorlj.config.ConfigException;

/**
 * The files of a run directory: {@code config.json}, {@code metrics.csv},
 * {@code checkpoints/latest.ckpt} and {@code checkpoints/best.ckpt} (and {@code step-<N>.ckpt} kept
 * for forks), {@code curve.png}, {@code eval.json}, {@code diverged.json} after a divergence, and the
 * lock file of {@link RunLock}.
 */
public record RunDirectory(Path root) {
    /** {@code config.json}: every setting of the run. */
    public Path config() {
        return root.resolve("config.json");
    }

    /** {@code metrics.csv}: one row per unit of work. */
    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    /** The {@code checkpoints/} directory. */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** The latest checkpoint, {@code checkpoints/latest.ckpt}: where a resume continues from. */
    public Path latest() {
        return checkpoints().resolve("latest.ckpt");
    }

    /** The best-evaluated checkpoint, {@code checkpoints/best.ckpt}. */
    public Path best() {
        return checkpoints().resolve("best.ckpt");
    }

    /** The checkpoint kept at an environment step ({@code checkpoint_at_step}): {@code checkpoints/step-<step>.ckpt}. */
    public Path stepCheckpoint(long step) {
        return checkpoints().resolve("step-" + step + ".ckpt");
    }

    /** {@code curve.png}: the learning curve. */
    public Path curve() {
        return root.resolve("curve.png");
    }

    /** {@code eval.json}, written by {@code gorl eval}. */
    public Path eval() {
        return root.resolve("eval.json");
    }

    /** Written when training stops on a non-finite number (see {@link Divergence}), removed when the run finishes. */
    public Path diverged() {
        return root.resolve("diverged.json");
    }

    /** The lock file held by the one process writing into the run. */
    public Path lock() {
        return root.resolve(RunLock.FILE);
    }

    /** True when {@code file} lies in this run directory (after resolving {@code ..} and symbolic links). */
    public boolean contains(Path file) throws IOException {
        return canonical(file).startsWith(canonical(root));
    }

    /**
     * Refuses an output file (of {@code option}) that would overwrite the run's own files: the
     * directory itself, {@code checkpoints/} and what is in it, the config, metrics, curve, eval and
     * lock files, and any other existing file of the run but a picture ({@code .png}).
     *
     * @throws ConfigException naming the option and the file
     */
    public void requireNotOwnFile(Path file, String option) throws IOException {
        if (!contains(file)) {
            return;
        }
        Path f = canonical(file);
        boolean own = f.equals(canonical(root))
                || f.startsWith(canonical(checkpoints()))
                || (Files.exists(f) && !f.getFileName().toString().endsWith(".png"));
        for (Path p : List.of(config(), metrics(), curve(), eval(), diverged(), lock())) {
            own |= f.equals(canonical(p));
        }
        if (own) {
            throw new ConfigException(option + " " + file + " is one of the run's own files; choose another file name");
        }
    }

    /** The absolute, normalised path with the symbolic links of its existing part resolved. */
    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        return parent == null ? abs : canonical(parent).resolve(abs.getFileName());
    }
}
