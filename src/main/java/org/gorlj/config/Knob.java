package org.gorlj.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One documented setting of an algorithm or run: its name (as used by {@code --set name=value}
 * and in {@code config.json}), type, default, allowed range or choices, and a sentence of help.
 */
public final class Knob {
    /** The value types a knob can hold. */
    public enum Type {
        /** A 32-bit integer in a range. */
        INT,
        /** A 64-bit integer in a range. */
        LONG,
        /** A floating-point number in a range. */
        DOUBLE,
        /** true or false. */
        BOOL,
        /** One of a list of names. */
        CHOICE,
        /** A comma-separated list of 32-bit integers. */
        INT_LIST,
        /** A comma-separated list of 64-bit integers. */
        LONG_LIST
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final double min;
    private final double max;
    /** The range of integer knobs, exact (a double cannot tell 2^61 - 1 from 2^61). */
    private final long longMin;

    private final long longMax;
    private final List<String> choices;
    private final String help;

    private Knob(
            String name,
            Type type,
            Object defaultValue,
            long longMin,
            long longMax,
            double min,
            double max,
            List<String> choices,
            String help) {
        this.name = name;
        this.type = type;
        this.longMin = longMin;
        this.longMax = longMax;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.help = help;
        this.defaultValue = defaultValue;
        check(defaultValue);
    }

    /** An integer knob in [min, max]. */
    public static Knob integer(String name, int def, int min, int max, String help) {
        return new Knob(name, Type.INT, def, min, max, min, max, List.of(), help);
    }

    /** A long knob in [min, max]. */
    public static Knob longValue(String name, long def, long min, long max, String help) {
        return new Knob(name, Type.LONG, def, min, max, min, max, List.of(), help);
    }

    /** A real-valued knob in [min, max]. */
    public static Knob real(String name, double def, double min, double max, String help) {
        return new Knob(name, Type.DOUBLE, def, 0, 0, min, max, List.of(), help);
    }

    /** A boolean knob. */
    public static Knob bool(String name, boolean def, String help) {
        return new Knob(name, Type.BOOL, def, 0, 1, 0, 1, List.of(), help);
    }

    /** A knob taking one of a few words. */
    public static Knob choice(String name, String def, List<String> choices, String help) {
        return new Knob(name, Type.CHOICE, def, 0, 0, 0, 0, List.copyOf(choices), help);
    }

    /** A list of positive integers, written {@code 64,64} (e.g. hidden layer widths). */
    public static Knob intList(String name, List<Integer> def, String help) {
        return new Knob(
                name, Type.INT_LIST, List.copyOf(def), 1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, List.of(), help);
    }

    /** A list of positive step counts, written {@code 60m,60m,30m} (k, m, g suffixes allowed). */
    public static Knob longList(String name, List<Long> def, String help) {
        return new Knob(
                name, Type.LONG_LIST, List.copyOf(def), 1, Long.MAX_VALUE / 4, 1, Long.MAX_VALUE / 4, List.of(), help);
    }

    /** The setting's name, as {@code --set name=value} takes it. */
    public String name() {
        return name;
    }

    /** The type of its values. */
    public Type type() {
        return type;
    }

    /** The value when nothing sets it. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** One line saying what the setting does. */
    public String help() {
        return help;
    }

    /** The words a choice knob takes (empty for other types). */
    public List<String> choices() {
        return choices;
    }

    /** A description of the allowed values, for messages and help. */
    public String allowed() {
        return switch (type) {
            case INT, LONG -> "an integer in [" + longMin + ", " + longMax + "]";
            case DOUBLE -> "a number in [" + min + ", " + max + "]";
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "comma-separated positive integers, e.g. 64,64";
            case LONG_LIST -> "comma-separated positive step counts, e.g. 60m,60m,30m";
        };
    }

    /** Parses and validates a value given as text. */
    public Object parse(String text) {
        String t = text.trim();
        try {
            Object v = switch (type) {
                case INT -> Integer.parseInt(t.replace("_", ""));
                case LONG -> parseLong(t);
                case DOUBLE -> Double.parseDouble(t);
                case BOOL -> parseBool(t);
                case CHOICE -> t.toLowerCase(Locale.ROOT);
                case INT_LIST -> parseList(t);
                case LONG_LIST -> parseLongList(t);
            };
            check(v);
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + text + " is not valid: expected " + allowed());
        }
    }

    private static long parseLong(String t) {
        String s = t.replace("_", "").toLowerCase(Locale.ROOT);
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1_000;
        } else if (s.endsWith("m")) {
            mult = 1_000_000;
        } else if (s.endsWith("g")) {
            mult = 1_000_000_000;
        }
        if (mult == 1) {
            return Long.parseLong(s);
        }
        try { // exact: 1.5k is 1500, 1.0005k is not a whole number of steps
            return new BigDecimal(s.substring(0, s.length() - 1))
                    .multiply(BigDecimal.valueOf(mult))
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException(t);
        }
    }

    private Boolean parseBool(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new NumberFormatException(t);
        };
    }

    private static List<Integer> parseList(String t) {
        List<Integer> out = new ArrayList<>();
        for (String part : t.split(",", -1)) { // -1: an empty last field ("64,64,") is refused, not dropped
            out.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(out);
    }

    private static List<Long> parseLongList(String t) {
        List<Long> out = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            out.add(parseLong(part.trim()));
        }
        return List.copyOf(out);
    }

    /** Converts a value read from JSON (numbers may arrive as Integer/Long/Double) and validates it. */
    public Object coerce(Object raw) {
        if (raw == null) {
            throw new ConfigException(name + " is missing: expected " + allowed());
        }
        Object v = switch (type) {
            case INT ->
                raw instanceof Number n && exactLong(n) != null && exactLong(n) == n.intValue()
                        ? (Object) n.intValue()
                        : bad(raw);
            case LONG -> raw instanceof Number n && exactLong(n) != null ? (Object) exactLong(n) : bad(raw);
            case DOUBLE -> raw instanceof Number n ? (Object) n.doubleValue() : bad(raw);
            case BOOL -> raw instanceof Boolean ? raw : bad(raw);
            case CHOICE -> raw instanceof String ? raw : bad(raw);
            case INT_LIST ->
                raw instanceof List<?> l
                        ? l.stream()
                                .map(x -> x instanceof Number n && exactLong(n) != null && exactLong(n) == n.intValue()
                                        ? n.intValue()
                                        : (Integer) bad(x))
                                .toList()
                        : bad(raw);
            case LONG_LIST ->
                raw instanceof List<?> l
                        ? l.stream()
                                .map(x -> x instanceof Number n && exactLong(n) != null ? exactLong(n) : (Long) bad(x))
                                .toList()
                        : bad(raw);
        };
        check(v);
        return v;
    }

    /** The number as a long if it is a whole number within the range of long, else null. */
    private static Long exactLong(Number n) {
        return switch (n) {
            case Integer i -> (long) i;
            case Long l -> l;
            case Short sh -> (long) sh;
            case Byte b -> (long) b;
            case BigInteger b -> b.bitLength() < 64 ? b.longValue() : null;
            case BigDecimal b -> {
                try {
                    yield b.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            default ->
                Double.isFinite(n.doubleValue())
                                && n.doubleValue() == Math.rint(n.doubleValue())
                                && Math.abs(n.doubleValue()) < 0x1p63
                        ? (Long) (long) n.doubleValue()
                        : null;
        };
    }

    private Object bad(Object raw) {
        throw new ConfigException(name + "=" + raw + " is not valid: expected " + allowed());
    }

    private void check(Object v) {
        boolean ok = switch (type) {
            case INT -> v instanceof Integer i && i >= longMin && i <= longMax;
            case LONG -> v instanceof Long l && l >= longMin && l <= longMax;
            case DOUBLE -> v instanceof Double d && !d.isNaN() && d >= min && d <= max;
            case BOOL -> v instanceof Boolean;
            case CHOICE -> v instanceof String s && choices.contains(s);
            case INT_LIST ->
                v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Integer i && i >= 1);
            case LONG_LIST ->
                v instanceof List<?> l
                        && !l.isEmpty()
                        && l.stream().allMatch(x -> x instanceof Long i && i >= longMin && i <= longMax);
        };
        if (!ok) {
            throw new ConfigException(name + "=" + (v instanceof List<?> l ? Arrays.toString(l.toArray()) : v)
                    + " is not valid: expected " + allowed());
        }
    }
}
