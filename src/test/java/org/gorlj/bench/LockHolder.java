package org.gorlj.bench;

import java.nio.file.Path;
import org.gorlj.train.RunLock;

/** Test helper process: holds the lock of the run directory {@code args[0]}, as a bench worker does, until killed. */
public final class LockHolder {
    private LockHolder() {}

    /** Locks the run directory {@code args[0]}, prints "locked", then sleeps. */
    public static void main(String[] args) throws Exception {
        try (RunLock _ = RunLock.acquire(Path.of(args[0]), "lock-holder " + args[0])) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
