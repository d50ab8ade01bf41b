package org.gorlj.env.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gorlj.util.JvmOptions;
import org.junit.jupiter.api.Test;

/**
 * MuJoCo's fatal errors: an exhausted solver stack during compilation is an ordinary exception; the
 * same error while stepping cannot be recovered from, and must end the JVM at once with a clear
 * message (never hang waiting for Enter, as MuJoCo's default handler does).
 */
class MujocoFatalErrorTest {
    /** A box that falls onto a plane; its contacts need more than 200 stack entries. */
    static final String SMALL_STACK = """
            <mujoco><size nstack="%d"/><worldbody><geom type="plane" size="1 1 1"/>
              <body pos="0 0 0.3"><freejoint/><geom type="box" size="0.1 0.1 0.1"/></body></worldbody></mujoco>
            """;

    @Test
    void aStackOverflowWhileCompilingIsAnException() {
        assertThatThrownBy(() -> MjModel.fromXml(SMALL_STACK.formatted(10)))
                .isInstanceOf(MujocoException.class)
                .hasMessageContaining("Stack overflow");
    }

    @Test
    void aStackOverflowWhileSteppingHaltsTheJvmWithTheMessage() throws Exception {
        List<String> cmd = JvmOptions.javaCommand();
        cmd.add(FatalErrorDemo.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("the JVM ended instead of hanging")
                .isTrue();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stdout).contains("model loaded").doesNotContain("stepped");
        assertThat(stderr).contains("MuJoCo fatal error: Stack overflow (the process cannot continue)");
        assertThat(p.exitValue()).isEqualTo(Mujoco.FATAL_EXIT_CODE);
    }

    /** Run in a separate JVM by the test above. */
    public static final class FatalErrorDemo {
        public static void main(String[] args) {
            try (MjModel m = MjModel.fromXml(SMALL_STACK.formatted(200));
                    MjData d = m.makeData()) {
                System.out.println("model loaded");
                System.out.flush();
                for (int i = 0; i < 300; i++) {
                    d.step();
                }
                System.out.println("stepped");
            }
        }
    }
}
