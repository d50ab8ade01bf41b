package org.gorlj.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The knobs of a settings record, each declared once: a {@link Knob} (name, default, range, help)
 * bound to the record component it fills. The knob table ({@link #knobs()}) and the factory
 * ({@link #read}) both come from that one declaration, so a setting is added by adding a component
 * and a {@link #field}.
 *
 * <p>A component's type follows its knob's: {@code int}, {@code long}, {@code double},
 * {@code boolean}, {@code int[]}, {@code long[]}, and for a choice either {@code String} or an enum
 * whose constants are the choices in upper case (e.g. {@code lecun_uniform} is
 * {@code LECUN_UNIFORM}). A mismatch fails when the binding is built, i.e. when the record's class
 * is initialised.
 *
 * @param <R> the settings record
 */
public final class RecordKnobs<R extends Record> {
    /** A knob and the name of the record component it fills. */
    public record Field(String component, Knob knob) {}

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Knob[] knobOf;
    private final List<Knob> knobs;

    /** Binds every component of {@code type} to exactly one of {@code fields}. */
    public RecordKnobs(Class<R> type, List<Field> fields) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.knobs = knobs(fields);
        Map<String, Knob> byComponent = new HashMap<>();
        for (Field f : fields) {
            if (byComponent.put(f.component(), f.knob()) != null) {
                throw new IllegalStateException(type.getSimpleName() + "." + f.component() + " is bound twice");
            }
        }
        this.knobOf = new Knob[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            Knob k = byComponent.remove(rc.getName());
            if (k == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + rc.getName() + " has no knob");
            }
            checkType(rc, k);
            knobOf[i] = k;
        }
        if (!byComponent.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " has no component " + byComponent.keySet());
        }
    }

    /** Binds {@code knob} to the component named {@code component}. */
    public static Field field(String component, Knob knob) {
        return new Field(component, knob);
    }

    /** The knobs of {@code fields}, in their order. */
    public static List<Knob> knobs(List<Field> fields) {
        return fields.stream().map(Field::knob).toList();
    }

    /** All knobs of the record, in declaration order. */
    public List<Knob> knobs() {
        return knobs;
    }

    /** The record with every component read from {@code c}, which must contain all {@link #knobs()}. */
    public R read(Config c) {
        return read(c, List.of());
    }

    /** The record read from {@code c}; the knobs of {@code optional} that {@code c} lacks take their defaults. */
    public R read(Config c, List<Knob> optional) {
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Knob k = knobOf[i];
            Config source = optional.contains(k) && !c.asMap().containsKey(k.name()) ? Config.defaults(List.of(k)) : c;
            types[i] = components[i].getType();
            args[i] = value(source, k, types[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object value(Config c, Knob k, Class<?> t) {
        String name = k.name();
        return switch (k.type()) {
            case INT -> c.getInt(name);
            case LONG -> c.getLong(name);
            case DOUBLE -> c.getDouble(name);
            case BOOL -> c.getBool(name);
            case INT_LIST -> c.getIntList(name);
            case LONG_LIST -> c.getLongList(name);
            case CHOICE -> t == String.class ? c.getChoice(name) : constant(t, c.getChoice(name));
        };
    }

    private static Object constant(Class<?> enumType, String choice) {
        String wanted = choice.toUpperCase(Locale.ROOT);
        return Arrays.stream(enumType.getEnumConstants())
                .filter(e -> ((Enum<?>) e).name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(enumType.getSimpleName() + " has no constant " + wanted));
    }

    private void checkType(RecordComponent rc, Knob k) {
        Class<?> t = rc.getType();
        boolean ok = switch (k.type()) {
            case INT -> t == int.class;
            case LONG -> t == long.class;
            case DOUBLE -> t == double.class;
            case BOOL -> t == boolean.class;
            case INT_LIST -> t == int[].class;
            case LONG_LIST -> t == long[].class;
            case CHOICE -> t == String.class || (t.isEnum() && allChoicesAreConstants(t, k));
        };
        if (!ok) {
            throw new IllegalStateException(type.getSimpleName() + "." + rc.getName() + " (" + t.getSimpleName()
                    + ") cannot hold knob " + k.name() + " (" + k.type() + ")");
        }
    }

    private static boolean allChoicesAreConstants(Class<?> enumType, Knob k) {
        List<String> names = new ArrayList<>();
        for (Object e : enumType.getEnumConstants()) {
            names.add(((Enum<?>) e).name().toLowerCase(Locale.ROOT));
        }
        return names.containsAll(k.choices());
    }
}
