package org.gorlj.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a command line assigns: options that stand for a setting ({@code --steps} is
 * {@code total_steps}, {@code --seed} is {@code seed}) and the {@code --set key=value} assignments.
 * A setting assigned twice is refused with one line naming both, so that no value silently wins.
 */
final class Overrides {
    /** An option that stands for a setting, with its value (null when the option was not given). */
    record Option(String name, String key, String value) {}

    private Overrides() {}

    /**
     * The assignments in order: the options given, then the {@code --set} ones.
     *
     * @throws org.gorlj.config.ConfigException for a setting assigned twice
     */
    static List<String> combine(List<Option> options, List<String> sets) {
        Map<String, String> given = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Option o : options) {
            if (o.value() != null) {
                add(given, o.key(), o.name() + " " + o.value());
                out.add(o.key() + "=" + o.value());
            }
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq > 0) { // without '=' the config reports the malformed assignment
                add(given, s.substring(0, eq).trim(), "--set " + s);
            }
            out.add(s);
        }
        return out;
    }

    private static void add(Map<String, String> given, String key, String how) {
        String before = given.putIfAbsent(key, how);
        if (before != null) {
            throw Main.bad("setting " + key + " is given twice (" + before + " and " + how + "); give it once");
        }
    }
}
