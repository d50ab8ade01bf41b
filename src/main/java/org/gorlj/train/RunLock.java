package org.gorlj.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.gorlj.util.IoErrors;
import org.gorlj.util.UserInputException;

/**
 * One owner per run directory: every command that writes into a run (train, resume, bench workers,
 * eval writing {@code eval.json}, modes writing its picture) holds this lock, an exclusive file lock
 * on {@code run.lock} in the directory, for as long as it writes. The lock file records the holder's
 * process id and command, so that a second owner is refused with one line naming it. The operating
 * system releases the lock when its process ends, however it ends.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in a run directory. */
    public static final String FILE = "run.lock";

    /** Run directories this JVM holds: a second channel on the file would release the lock on closing. */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks an existing run directory for {@code command} (the command line as the user gave it,
     * without the program's name).
     *
     * @throws UserInputException when there is no such directory, or naming the holder when another
     *         process (or this one) holds the lock
     * @throws IOException when the lock file cannot be created or written
     */
    public static RunLock acquire(Path dir, String command) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(
                    Files.exists(dir) ? dir + " is not a directory" : "no run directory at " + dir);
        }
        Path key = dir.toRealPath();
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw busy(dir, "this process");
            }
            FileChannel ch = FileChannel.open(
                    dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                String holder = holderOf(ch);
                ch.close();
                throw busy(dir, holder);
            }
            try {
                byte[] name = ("pid " + ProcessHandle.current().pid() + ": gorl " + command + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                ch.write(ByteBuffer.wrap(name), 0); // over the last holder's name: no new space on a full disk
                ch.truncate(name.length);
                ch.force(false);
            } catch (IOException e) {
                ch.close();
                throw IoErrors.naming(dir.resolve(FILE), e);
            }
            HELD.add(key);
            return new RunLock(key, ch, lock);
        }
    }

    /** The holder of a run directory's lock ("pid N: gorl ..."), or null when no process holds it. */
    public static String holder(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        synchronized (HELD) {
            if (HELD.contains(dir.toRealPath())) {
                return "this process";
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                    FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true)) {
                return probe == null ? holderOf(ch) : null;
            }
        }
    }

    private static String holderOf(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another process" : text;
    }

    private static UserInputException busy(Path dir, String holder) {
        return new UserInputException(
                "run directory " + dir + " is in use by " + holder + "; wait until it ends (or stop it) and try again");
    }

    /** Releases the lock (the file stays, empty of meaning until the next owner writes its name). */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            try {
                lock.release();
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
