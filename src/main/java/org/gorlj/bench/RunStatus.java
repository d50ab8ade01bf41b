package org.gorlj.bench;

import org.gorlj.config.ConfigException;

/**
 * Where a benchmark run stands. {@link #label()} is the word written in {@code results.csv} and
 * printed by {@code gorl bench --status}; the words are part of the file format.
 */
public enum RunStatus {
    /** A run directory with nothing trained yet. */
    NEW("new"),
    /** A run with a checkpoint but unfinished training. */
    PARTIAL("partial"),
    /** A run whose training finished. */
    COMPLETE("complete"),
    /** A run whose training stopped on a non-finite number. */
    DIVERGED("diverged"),
    /** A run that an earlier results.csv does not list (or there is none). */
    MISSING("missing");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    /** The status's word in files and on the console. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The status a word names.
     *
     * @throws ConfigException for a word that names none
     */
    public static RunStatus of(String label) {
        for (RunStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new ConfigException("unknown run status '" + label + "'");
    }
}
