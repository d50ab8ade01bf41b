package org.gorlj.run;

/**
 * Raised when a loss, gradient or parameter stops being a finite number: the run stops loudly and
 * keeps its last good checkpoint.
 */
public final class DivergenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message saying what went non-finite. */
    public DivergenceException(String message) {
        super(message);
    }
}
