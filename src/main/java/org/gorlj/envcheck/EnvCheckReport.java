package org.gorlj.envcheck;

import java.util.List;

/**
 * Every check's outcome for one task, in the order {@link EnvChecker} runs them.
 *
 * @param task the task's name
 * @param results one result per check
 */
public record EnvCheckReport(String task, List<CheckResult> results) {
    /** A report over a copy of {@code results}. */
    public EnvCheckReport {
        results = List.copyOf(results);
    }

    /** True when every check passed. */
    public boolean passed() {
        return results.stream().allMatch(CheckResult::passed);
    }

    /** The checks that failed. */
    public List<CheckResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** The result of the named check. */
    public CheckResult get(String check) {
        return results.stream()
                .filter(r -> r.check().equals(check))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + check));
    }
}
