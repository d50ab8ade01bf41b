package org.gorlj.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Integer knobs check their range exactly, step suffixes give whole numbers, lists have no empty fields. */
class KnobRangeTest {
    static final long MAX = Long.MAX_VALUE / 4; // 2^61 - 1: as a double it is 2^61

    final Knob steps = Knob.longValue("total_steps", 1, 1, MAX, "");

    @Test
    void aLongRangeIsExact() {
        assertThat(steps.parse(Long.toString(MAX))).isEqualTo(MAX);
        assertThatThrownBy(() -> steps.parse(Long.toString(MAX + 1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("total_steps=" + (MAX + 1) + " is not valid: expected an integer in [1, " + MAX + "]");
        assertThat(steps.coerce(MAX)).isEqualTo(MAX);
        assertThatThrownBy(() -> steps.coerce(MAX + 1)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> steps.coerce(BigInteger.TWO.pow(64))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> steps.coerce(1.5)).isInstanceOf(ConfigException.class);
        assertThat(steps.coerce(2.0)).isEqualTo(2L);
        Knob seed = Knob.longValue("seed", 1, 0, Long.MAX_VALUE, "");
        assertThat(seed.allowed()).isEqualTo("an integer in [0, " + Long.MAX_VALUE + "]");
        assertThat(seed.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void suffixesGiveWholeNumbersExactly() {
        assertThat(steps.parse("1.5k")).isEqualTo(1_500L);
        assertThat(steps.parse("0.1m")).isEqualTo(100_000L);
        assertThat(steps.parse("2g")).isEqualTo(2_000_000_000L);
        assertThatThrownBy(() -> steps.parse("1.0005k")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> steps.parse("99999999999999g")).isInstanceOf(ConfigException.class);
    }

    @Test
    void listsRefuseEmptyFields() {
        Knob hidden = Knob.intList("hidden", List.of(64), "");
        Knob stages = Knob.longList("stage_steps", List.of(10L), "");
        assertThat(hidden.parse("64, 32")).isEqualTo(List.of(64, 32));
        for (String bad : List.of("64,64,", ",64", "64,,64", "")) {
            assertThatThrownBy(() -> hidden.parse(bad)).as(bad).isInstanceOf(ConfigException.class);
            assertThatThrownBy(() -> stages.parse(bad)).as(bad).isInstanceOf(ConfigException.class);
        }
        assertThatThrownBy(() -> hidden.coerce(List.of(64.5))).isInstanceOf(ConfigException.class);
    }
}
