package org.gorlj.envcheck;

/**
 * The outcome of one check of {@link EnvChecker}.
 *
 * @param check the check's name, e.g. {@code save-restore}
 * @param passed whether the environment met the contract
 * @param message what was seen when it passed; what is wrong and what to fix when it failed
 */
public record CheckResult(String check, boolean passed, String message) {
    /** One line for the command line: {@code PASS|FAIL  check  message}. */
    public String line() {
        return String.format("%s  %-17s %s", passed ? "PASS" : "FAIL", check, message);
    }
}
