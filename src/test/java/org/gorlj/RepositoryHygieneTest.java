package org.gorlj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout itself: no merge-conflict markers left in any file of the tree, and every relative
 * link of README.md and docs/*.md points at a file (and, for a markdown file, a heading) that exists.
 * The marker strings are built at run time, so this source never contains one.
 */
class RepositoryHygieneTest {
    private static final String START = "<".repeat(7) + " ";
    private static final String MIDDLE = "=".repeat(7);
    private static final String END = ">".repeat(7) + " ";
    /** A markdown link or image: [text](target) with an optional "title". */
    private static final Pattern LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void noConflictMarkersInTheTree() throws Exception {
        List<Path> files = trackedFiles(ROOT);
        assertThat(files).as("files of the checkout").hasSizeGreaterThan(100);
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            found.addAll(conflictMarkers(ROOT, f));
        }
        assertThat(found).as("merge-conflict markers").isEmpty();
    }

    @Test
    void docLinksPointAtFilesOfTheRepository() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : docs) {
            List<String> targets = relativeLinks(Files.readString(doc));
            links += targets.size();
            broken.addAll(brokenLinks(ROOT, doc, targets));
        }
        assertThat(links).as("relative links checked").isGreaterThan(20);
        assertThat(broken)
                .as("links to files or headings missing from the repository")
                .isEmpty();
    }

    /** The checks themselves find what they look for (a check that cannot fail would prove nothing). */
    @Test
    void checksDetectPlantedDefects(@TempDir Path dir) throws Exception {
        Path conflicted = dir.resolve("a.md");
        Files.writeString(
                conflicted, "intro\n" + START + "HEAD\nours\n" + MIDDLE + "\ntheirs\n" + END + "branch\nend\n");
        assertThat(conflictMarkers(dir, conflicted))
                .containsExactly("a.md:2: " + START + "HEAD", "a.md:4: " + MIDDLE, "a.md:6: " + END + "branch");
        Path setext = dir.resolve("b.md");
        Files.writeString(setext, "Title\n" + MIDDLE + "\ntext <<< >>>\n");
        assertThat(conflictMarkers(dir, setext)).isEmpty();

        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/present.md"), "# Some Heading (`--x y`)\n\ntext\n");
        Path doc = dir.resolve("docs/index.md");
        String text = """
                [ok](present.md) [ok anchor](present.md#some-heading---x-y) [web](https://example.org/x.md)
                [self](#local) [gone](missing.md) [bad anchor](present.md#nowhere) [up](../README.md)
                `[code](not-a-link.md)`

                ```
                [fenced](also-not-a-link.md)
                ```
                ## Local
                """;
        Files.writeString(doc, text);
        List<String> targets = relativeLinks(text);
        assertThat(targets)
                .containsExactly(
                        "present.md",
                        "present.md#some-heading---x-y",
                        "#local",
                        "missing.md",
                        "present.md#nowhere",
                        "../README.md");
        assertThat(brokenLinks(dir, doc, targets))
                .containsExactly(
                        "docs/index.md -> missing.md",
                        "docs/index.md -> present.md#nowhere",
                        "docs/index.md -> ../README.md");
    }

    /** The files of the checkout: git's tracked and untracked-but-not-ignored files, else a walk without target/. */
    private static List<Path> trackedFiles(Path root) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectErrorStream(false)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    Path f = root.resolve(name);
                    if (!name.isEmpty() && Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
                return files;
            }
        } catch (IOException noGit) {
            System.out.println("git not available (" + noGit.getMessage() + "): walking the checkout instead");
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith("target")
                            && !root.relativize(f).startsWith(".git"))
                    .toList();
        }
    }

    /**
     * The marker lines of one file as "path:line: text": every line opening or closing a conflict,
     * and a separator line only between the two. Files with a NUL byte (binary) are skipped.
     */
    static List<String> conflictMarkers(Path root, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return List.of();
            }
        }
        List<String> found = new ArrayList<>();
        String name = root.relativize(file).toString();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        boolean open = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            boolean marker = l.startsWith(START) || l.startsWith(END) || (open && l.equals(MIDDLE));
            if (l.startsWith(START)) {
                open = true;
            } else if (l.startsWith(END)) {
                open = false;
            }
            if (marker) {
                found.add(name + ":" + (i + 1) + ": " + l);
            }
        }
        return found;
    }

    /** The link targets of a markdown text that are not URLs, outside fenced code blocks and code spans. */
    static List<String> relativeLinks(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    /** The targets that name a missing file, a path outside {@code root}, or a missing heading of a markdown file. */
    static List<String> brokenLinks(Path root, Path doc, List<String> targets) throws IOException {
        List<String> broken = new ArrayList<>();
        String from = root.relativize(doc).toString();
        for (String target : targets) {
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = (file.isEmpty() ? doc : doc.getParent().resolve(file)).normalize();
            boolean ok = resolved.startsWith(root) && Files.exists(resolved);
            if (ok && anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
                ok = anchors(Files.readString(resolved)).contains(anchor);
            }
            if (!ok) {
                broken.add(from + " -> " + target);
            }
        }
        return broken;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            StringBuilder slug = new StringBuilder();
            for (char c : m.group(1).toLowerCase(Locale.ROOT).toCharArray()) {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    slug.append(c);
                } else if (c == ' ') {
                    slug.append('-');
                }
            }
            String base = slug.toString();
            String s = base;
            for (int k = 1; !out.add(s); k++) {
                s = base + "-" + k;
            }
        }
        return out;
    }
}
