package org.gorlj.util;

/**
 * Bad input from the user (an unknown name, a bad value, a missing, corrupt or busy file): its
 * message is one line saying what is wrong. The command line reports it as such with exit code 2;
 * any other exception is a programming error and is reported as an internal one.
 */
public class UserInputException extends IllegalArgumentException {
    /** With the one-line message shown to the user. */
    public UserInputException(String message) {
        super(message);
    }
}
