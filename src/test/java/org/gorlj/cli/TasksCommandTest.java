package org.gorlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gorlj.env.Task;
import org.gorlj.env.TaskRegistry;
import org.junit.jupiter.api.Test;

class TasksCommandTest {
    @Test
    void listsEveryTaskWithFamilySizesControlStepAndEpisodeLength() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("tasks")).isZero();
        } finally {
            System.setOut(before);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).containsPattern("task +family +obs +act +step \\(s\\) +episode  description");
        assertThat(out).containsPattern("gym/ant +gym +105 +8 +0\\.05 +1000  Gymnasium Ant-v5");
        assertThat(out).containsPattern("gym/humanoid +gym +348 +17 +0\\.015 +1000  Gymnasium Humanoid-v5");
        assertThat(out).containsPattern("gym/reacher +gym +10 +2 +0\\.02 +50  ");
        assertThat(out).containsPattern("gym/pusher +gym +23 +7 +0\\.05 +100  ");
        assertThat(out).containsPattern("gym/hopper +gym +11 +3 +0\\.008 +1000  ");
        assertThat(out).containsPattern("dmc/cheetah-run +dmc +17 +6 +0\\.01 +1000  ");
        assertThat(out).containsPattern("classic/pendulum +classic +3 +1 +- +200  ");
        for (Task task : TaskRegistry.all()) {
            assertThat(out).contains(task.name() + " ");
        }
    }
}
