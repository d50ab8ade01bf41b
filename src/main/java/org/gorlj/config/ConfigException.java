package org.gorlj.config;

import org.gorlj.util.UserInputException;

/** A user-facing configuration error: its message is one line saying what is wrong and what is allowed. */
public final class ConfigException extends UserInputException {
    /** With the one-line message shown to the user. */
    public ConfigException(String message) {
        super(message);
    }
}
