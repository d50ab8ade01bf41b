/**
 * Videos of evaluation episodes: an offscreen OpenGL context (OSMesa, no display needed), MuJoCo's
 * own renderer bound through {@code java.lang.foreign}, a caption drawn on each frame, and the
 * encoders (MP4 through the system's {@code ffmpeg}, else an animated GIF written by the JDK).
 */
package org.gorlj.render;
