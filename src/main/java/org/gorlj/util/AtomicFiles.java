package org.gorlj.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: into {@code NAME.tmp} next to it, then renamed over it, so a reader or
 * a crash sees the old content or the new, never part of it. When writing or renaming fails the
 * temporary file is removed and the failure names the target file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file to the temporary path it is given. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code tmp}. */
        void writeTo(Path tmp) throws IOException;
    }

    /**
     * Writes {@code target} atomically with {@code content}.
     *
     * @throws FileSystemException naming {@code target} and the cause when writing or renaming fails
     */
    public static void write(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof IOException io) {
                FileSystemException named =
                        new FileSystemException(target.toString(), null, "cannot write it: " + IoErrors.cause(io));
                named.initCause(io);
                throw named;
            }
            throw e;
        }
    }
}
