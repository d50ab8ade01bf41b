package org.gorlj.render;

import org.gorlj.util.UserInputException;

/**
 * Rendering cannot be done here: the offscreen OpenGL library is missing or refused a context, or the
 * task has no MuJoCo model to draw. The message is one line saying what to install or change.
 */
public final class RenderUnavailableException extends UserInputException {
    /** With the one-line message shown to the user. */
    public RenderUnavailableException(String message) {
        super(message);
    }
}
