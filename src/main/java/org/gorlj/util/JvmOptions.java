package org.gorlj.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options every GoRL-J JVM runs with, read from the class-path resource
 * {@code org/gorlj/jvm.options}: the one file the launcher and surefire also pass to {@code java} as an
 * {@code @argfile}. Bench workers and the JVMs tests start are built from it.
 */
public final class JvmOptions {
    static final String RESOURCE = "/org/gorlj/jvm.options";

    private JvmOptions() {}

    /** The options of the file, in order ({@code @argfile} syntax: white-space separated, {@code #} comments). */
    public static List<String> shared() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!content.isEmpty()) {
                options.addAll(Arrays.asList(content.split("\\s+")));
            }
        }
        return options;
    }

    /**
     * The start of a command that runs a class in a new JVM as the launcher would: this JVM's
     * {@code java}, the shared options, the user's {@code $GORL_JAVA_OPTS}, and this JVM's class path;
     * the caller appends the main class and its arguments.
     */
    public static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(shared());
        String user = System.getenv().getOrDefault("GORL_JAVA_OPTS", "").strip();
        if (!user.isEmpty()) {
            cmd.addAll(Arrays.asList(user.split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }
}
