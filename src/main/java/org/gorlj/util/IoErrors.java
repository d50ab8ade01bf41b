package org.gorlj.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** One-line descriptions of failed file operations: the file, then the cause in words. */
public final class IoErrors {
    private IoErrors() {}

    /** The file and the cause, e.g. {@code runs/a/eval.json: permission denied}. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + cause(e);
        }
        return cause(e);
    }

    /** {@code e} as a failure that names {@code file}, unless it names a file already. */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return e;
        }
        FileSystemException named = new FileSystemException(file.toString(), null, cause(e));
        named.initCause(e);
        return named;
    }

    /** The cause alone, e.g. {@code permission denied} or {@code no space left on device}. */
    public static String cause(IOException e) {
        if (!(e instanceof FileSystemException)
                && e.getCause()
                        instanceof
                        IOException inner) { // e.g. "No space left on device" under "I/O error writing PNG file!"
            return cause(inner);
        }
        return switch (e) {
            case AccessDeniedException _ -> "permission denied";
            case NoSuchFileException _ -> "no such file or directory";
            case FileAlreadyExistsException _ -> "it exists already";
            case NotDirectoryException _ -> "not a directory";
            case DirectoryNotEmptyException _ -> "a directory is in the way";
            case FileSystemException f when f.getReason() != null -> lowerFirst(f.getReason());
            default ->
                e.getMessage() != null
                        ? lowerFirst(e.getMessage())
                        : e.getClass().getSimpleName();
        };
    }

    /** The operating system's "Not a directory" as "not a directory", to read as the rest of the line. */
    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1)
                : s;
    }
}
