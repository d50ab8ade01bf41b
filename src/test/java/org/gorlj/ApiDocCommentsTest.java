package org.gorlj;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public or protected type, constructor, method and field of the API packages (docs/api.md) has a
 * Javadoc comment, and every public class declares its constructor (javadoc's "use of default constructor"):
 * what {@code ./mvnw javadoc:javadoc} would otherwise warn about as "no comment". Methods marked
 * {@code @Override} inherit their comment.
 */
class ApiDocCommentsTest {
    /** The API packages, as docs/api.md lists them. */
    static final List<String> API_PACKAGES = List.of(
            "org.gorlj.env",
            "org.gorlj.env.mujoco",
            "org.gorlj.envcheck",
            "org.gorlj.train",
            "org.gorlj.algo",
            "org.gorlj.config",
            "org.gorlj.run",
            "org.gorlj.util");

    @Test
    void everyVisibleDeclarationOfTheApiPackagesHasAComment() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java", pkg.split("\\.")))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertThat(sources).hasSizeGreaterThan(50);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(
                    null, files, null, List.of("-proc:none"), null, files.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(docs, unit, missing).scan(unit, null);
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Walks the visible declarations, recording those without a comment as file:line: what. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree unit;
        private final List<String> missing;

        Scanner(DocTrees docs, CompilationUnitTree unit, List<String> missing) {
            this.docs = docs;
            this.unit = unit;
            this.missing = missing;
        }

        @Override
        public Void visitClass(ClassTree c, Void v) {
            if (!visible(c.getModifiers(), getCurrentPath())) {
                return null;
            }
            require(c.getSimpleName() + " (" + c.getKind().name().toLowerCase(java.util.Locale.ROOT) + ")");
            boolean declaresConstructor = c.getMembers().stream()
                    .anyMatch(m -> m instanceof MethodTree mt && mt.getName().contentEquals("<init>"));
            if (c.getKind() == Tree.Kind.CLASS && !declaresConstructor) {
                missing.add(where(c) + c.getSimpleName() + ": the default constructor (declare it, with a comment)");
            }
            return super.visitClass(c, null);
        }

        @Override
        public Void visitMethod(MethodTree m, Void v) {
            boolean override = m.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            boolean compactConstructor = m.getName().contentEquals("<init>")
                    && enclosingKind() == Tree.Kind.RECORD
                    && m.getParameters().isEmpty();
            if (!override && !compactConstructor && visible(m.getModifiers(), getCurrentPath())) {
                require(m.getName().contentEquals("<init>") ? "constructor" : m.getName() + "()");
            }
            return null; // nothing visible inside a method body
        }

        @Override
        public Void visitVariable(VariableTree f, Void v) {
            if (visible(f.getModifiers(), getCurrentPath())) {
                require(f.getName().toString());
            }
            return null;
        }

        private Tree.Kind enclosingKind() {
            return getCurrentPath().getParentPath().getLeaf().getKind();
        }

        private void require(String what) {
            if (docs.getDocCommentTree(getCurrentPath()) == null) {
                missing.add(where(getCurrentPath().getLeaf()) + what);
            }
        }

        private String where(Tree t) {
            long line =
                    unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, t));
            return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + ": ";
        }

        /** Public or protected in a chain of visible types (interface and enum members are implicitly public). */
        private static boolean visible(ModifiersTree modifiers, TreePath path) {
            Tree parent = path.getParentPath().getLeaf();
            if (parent instanceof CompilationUnitTree) {
                return modifiers.getFlags().contains(Modifier.PUBLIC);
            }
            if (!(parent instanceof ClassTree owner) || !visible(owner.getModifiers(), path.getParentPath())) {
                return false; // a local or anonymous class, or a member of a hidden type
            }
            boolean enumConstant = owner.getKind() == Tree.Kind.ENUM
                    && path.getLeaf() instanceof VariableTree f
                    && f.getType().toString().equals(owner.getSimpleName().toString());
            boolean implicitlyPublic = (owner.getKind() == Tree.Kind.INTERFACE || enumConstant)
                    && !modifiers.getFlags().contains(Modifier.PRIVATE);
            return implicitlyPublic
                    || modifiers.getFlags().contains(Modifier.PUBLIC)
                    || modifiers.getFlags().contains(Modifier.PROTECTED);
        }
    }
}
