package org.gorlj.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of knob values (everything needed to rerun a run). Built from a
 * schema's defaults, then a preset's values, then the user's {@code --set} overrides; each
 * layer is checked against the schema, so an unknown key or bad value fails before anything runs.
 */
public final class Config {
    private final Map<String, Knob> schema;
    private final Map<String, Object> values;

    private Config(Map<String, Knob> schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = values;
    }

    /** The defaults of the given knobs. */
    public static Config defaults(List<Knob> knobs) {
        Map<String, Knob> schema = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Knob k : knobs) {
            if (schema.put(k.name(), k) != null) {
                throw new IllegalStateException("knob defined twice: " + k.name());
            }
            values.put(k.name(), k.defaultValue());
        }
        return new Config(Collections.unmodifiableMap(schema), values);
    }

    /** A copy with the given typed values applied (keys must be knobs of the schema). */
    public Config with(Map<String, ?> overrides) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            v.put(e.getKey(), knob(e.getKey()).coerce(e.getValue()));
        }
        return new Config(schema, v);
    }

    /** A copy with one value given as text, e.g. from {@code --set clip_coef=0.1}. */
    public Config withText(String key, String text) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(key, knob(key).parse(text));
        return new Config(schema, v);
    }

    /** A copy with a {@code key=value} assignment applied. */
    public Config withAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set expects key=value, got '" + assignment + "'");
        }
        return withText(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
    }

    /**
     * Reads a config as written by {@link #asMap()}. An unknown key is refused; a knob the map lacks
     * takes its default: a run written before that knob existed resumes as it ran, because every knob
     * added to the project defaults to the behaviour the code had before it.
     */
    public static Config fromMap(List<Knob> knobs, Map<String, ?> map) {
        Config d = defaults(knobs);
        for (String key : map.keySet()) {
            d.knob(key);
        }
        return d.with(map);
    }

    /** The knob of that name, or a one-line error listing the known keys. */
    public Knob knob(String key) {
        Knob k = schema.get(key);
        if (k == null) {
            throw new ConfigException(
                    "unknown setting '" + key + "'; known settings: " + String.join(", ", schema.keySet()));
        }
        return k;
    }

    /** All values in schema order (JSON-ready). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** All knobs in schema order. */
    public List<Knob> knobs() {
        return List.copyOf(schema.values());
    }

    /** The value of an {@code INT} knob. */
    public int getInt(String key) {
        return (Integer) get(key, Knob.Type.INT);
    }

    /** The value of a {@code LONG} knob. */
    public long getLong(String key) {
        return (Long) get(key, Knob.Type.LONG);
    }

    /** The value of a {@code DOUBLE} knob. */
    public double getDouble(String key) {
        return (Double) get(key, Knob.Type.DOUBLE);
    }

    /** The value of a {@code BOOL} knob. */
    public boolean getBool(String key) {
        return (Boolean) get(key, Knob.Type.BOOL);
    }

    /** The value of a {@code CHOICE} knob. */
    public String getChoice(String key) {
        return (String) get(key, Knob.Type.CHOICE);
    }

    /** The value of an {@code INT_LIST} knob. */
    public int[] getIntList(String key) {
        @SuppressWarnings("unchecked")
        List<Integer> l = (List<Integer>) get(key, Knob.Type.INT_LIST);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The value of a {@code LONG_LIST} knob. */
    public long[] getLongList(String key) {
        @SuppressWarnings("unchecked")
        List<Long> l = (List<Long>) get(key, Knob.Type.LONG_LIST);
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    private Object get(String key, Knob.Type type) {
        Knob k = knob(key);
        if (k.type() != type) {
            throw new IllegalStateException(key + " is " + k.type() + ", read as " + type);
        }
        return values.get(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
