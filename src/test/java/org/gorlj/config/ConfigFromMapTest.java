package org.gorlj.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a stored config: an old one lacking a newer knob takes its default, an unknown key is refused. */
class ConfigFromMapTest {
    static final List<Knob> KNOBS = List.of(
            Knob.integer("old_knob", 3, 1, 10, "there from the start"),
            Knob.real("new_knob", 0, 0, 1, "added later; its default is the old behaviour"));

    @Test
    void aKnobTheStoredConfigLacksTakesItsDefault() {
        Config c = Config.fromMap(KNOBS, Map.of("old_knob", 7));
        assertThat(c.getInt("old_knob")).isEqualTo(7);
        assertThat(c.getDouble("new_knob")).isEqualTo(0.0);
    }

    @Test
    void anUnknownKeyIsRefusedWithOneLine() {
        assertThatThrownBy(() -> Config.fromMap(KNOBS, Map.of("old_knob", 7, "typo_knob", 1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting 'typo_knob'");
    }
}
