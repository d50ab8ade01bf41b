package org.gorlj.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gorlj.config.Knob.bool;
import static org.gorlj.config.Knob.choice;
import static org.gorlj.config.Knob.intList;
import static org.gorlj.config.Knob.integer;
import static org.gorlj.config.Knob.real;
import static org.gorlj.config.RecordKnobs.field;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A settings record built from a config by knob name. */
class RecordKnobsTest {
    enum Shape {
        ROUND,
        SQUARE_ISH
    }

    record Settings(int count, double rate, boolean on, int[] widths, Shape shape, String word) {}

    static final List<RecordKnobs.Field> FIELDS = List.of(
            field("count", integer("n_count", 3, 1, 10, "how many")),
            field("rate", real("the_rate", 0.5, 0, 1, "how fast")),
            field("on", bool("is_on", true, "whether")),
            field("widths", intList("widths", List.of(4, 4), "layers")),
            field("shape", choice("shape", "round", List.of("round", "square_ish"), "which shape")),
            field("word", choice("word", "a", List.of("a", "b"), "which word")));

    @Test
    void readsEveryComponentFromTheKnobBoundToIt() {
        RecordKnobs<Settings> b = new RecordKnobs<>(Settings.class, FIELDS);
        assertThat(b.knobs())
                .extracting(Knob::name)
                .containsExactly("n_count", "the_rate", "is_on", "widths", "shape", "word");
        Config c = Config.defaults(b.knobs())
                .with(Map.of("n_count", 7, "shape", "square_ish", "word", "b", "widths", List.of(8, 2, 1)));
        Settings s = b.read(c);
        assertThat(s.count()).isEqualTo(7);
        assertThat(s.rate()).isEqualTo(0.5);
        assertThat(s.on()).isTrue();
        assertThat(s.widths()).containsExactly(8, 2, 1);
        assertThat(s.shape()).isEqualTo(Shape.SQUARE_ISH);
        assertThat(s.word()).isEqualTo("b");
    }

    @Test
    void optionalKnobsAbsentFromTheConfigTakeTheirDefaults() {
        RecordKnobs<Settings> b = new RecordKnobs<>(Settings.class, FIELDS);
        List<Knob> optional = RecordKnobs.knobs(FIELDS.subList(4, 6));
        Config partial =
                Config.defaults(RecordKnobs.knobs(FIELDS.subList(0, 4))).with(Map.of("n_count", 2));
        Settings s = b.read(partial, optional);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.shape()).isEqualTo(Shape.ROUND);
        assertThat(s.word()).isEqualTo("a");
        assertThatThrownBy(() -> b.read(partial))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'shape'");
    }

    @Test
    void aBindingThatDoesNotFitTheRecordFailsWhenBuilt() {
        assertThatThrownBy(() -> new RecordKnobs<>(Settings.class, FIELDS.subList(0, 5)))
                .hasMessageContaining("Settings.word has no knob");
        List<RecordKnobs.Field> extra = new java.util.ArrayList<>(FIELDS);
        extra.add(field("size", integer("size", 1, 1, 2, "x")));
        assertThatThrownBy(() -> new RecordKnobs<>(Settings.class, extra)).hasMessageContaining("no component [size]");
        List<RecordKnobs.Field> wrongType = new java.util.ArrayList<>(FIELDS);
        wrongType.set(0, field("count", real("n_count", 3, 1, 10, "how many")));
        assertThatThrownBy(() -> new RecordKnobs<>(Settings.class, wrongType))
                .hasMessageContaining("Settings.count (int) cannot hold knob n_count (DOUBLE)");
        List<RecordKnobs.Field> unknownChoice = new java.util.ArrayList<>(FIELDS);
        unknownChoice.set(4, field("shape", choice("shape", "round", List.of("round", "oval"), "which shape")));
        assertThatThrownBy(() -> new RecordKnobs<>(Settings.class, unknownChoice))
                .hasMessageContaining("Settings.shape (Shape) cannot hold knob shape (CHOICE)");
    }
}
