package org.gorlj.bench;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Test helper process: holds the lock of the run directory {@code args[0]}, as a bench worker does, until killed. */
public final class LockHolder {
    private LockHolder() {}

    /** Locks {@code args[0]/bench.lock}, prints "locked", then sleeps. */
    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]).resolve("bench.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock _ = ch.lock()) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
