package org.gorlj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.gorlj.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The status words are a file format (results.csv, --status): they stay what they were as strings. */
class RunStatusTest {
    @Test
    void wordsAreTheOnesOnDisk() {
        assertThat(Arrays.stream(RunStatus.values()).map(RunStatus::label))
                .containsExactly("new", "partial", "complete", "diverged", "missing");
        for (RunStatus s : RunStatus.values()) {
            assertThat(RunStatus.of(s.label())).isSameAs(s);
            assertThat(s).hasToString(s.label());
        }
        assertThatThrownBy(() -> RunStatus.of("COMPLETE"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown run status 'COMPLETE'");
    }
}
