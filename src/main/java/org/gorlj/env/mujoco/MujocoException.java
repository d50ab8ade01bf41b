package org.gorlj.env.mujoco;

/**
 * A failure reported by or about MuJoCo: the library is missing or has the wrong version, a model
 * does not compile (the message then holds MuJoCo's own error text), or a name is unknown.
 */
public class MujocoException extends RuntimeException {

    /** An exception with a one-line message. */
    public MujocoException(String message) {
        super(message);
    }

    /** An exception with a one-line message and its cause. */
    public MujocoException(String message, Throwable cause) {
        super(message, cause);
    }
}
