package org.gorlj.algo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named statistics averaged over the steps of an update (PPO's minibatches, SAC's gradient steps):
 * each name keeps the sum of its values, in the order they were added, and how many there were.
 * {@link #row()} gives the means as metric cells, keyed by the names, in the order each name was
 * first added.
 */
public final class Means {
    private final Map<String, Sum> sums = new LinkedHashMap<>();

    /** No values yet. */
    public Means() {}

    private static final class Sum {
        double total;
        long count;
    }

    /** Adds one value of the statistic {@code name}. */
    public void add(String name, double value) {
        Sum s = sums.computeIfAbsent(name, k -> new Sum());
        s.total += value;
        s.count++;
    }

    /** Adds every value that {@code other} holds (its sums and counts). */
    public void addAll(Means other) {
        other.sums.forEach((name, o) -> {
            Sum s = sums.computeIfAbsent(name, k -> new Sum());
            s.total += o.total;
            s.count += o.count;
        });
    }

    /** True when some value of {@code name} was added. */
    public boolean contains(String name) {
        return sums.containsKey(name);
    }

    /** The mean of the values of {@code name}. */
    public double mean(String name) {
        Sum s = sums.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no values of " + name + " (have " + sums.keySet() + ")");
        }
        return s.total / s.count;
    }

    /** The means by name, in the order each name was first added (a modifiable copy). */
    public Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        sums.forEach((name, s) -> row.put(name, s.total / s.count));
        return row;
    }
}
