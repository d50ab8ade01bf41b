/**
 * MuJoCo 2.2.2 from Java through the foreign function and memory API (no JNI, no C build).
 *
 * <p>{@link org.gorlj.env.mujoco.MjModel} loads and compiles MJCF models (file, class-path
 * resource or string; compile errors become {@link org.gorlj.env.mujoco.MujocoException}s with
 * MuJoCo's message), {@link org.gorlj.env.mujoco.MjData} steps them and exposes the state and
 * derived quantities as allocation-free {@link org.gorlj.env.mujoco.MjArray} views, and
 * {@link org.gorlj.env.mujoco.MujocoEnv} is the base class of MuJoCo tasks. Struct offsets live in
 * one table that a test checks against the installed headers with a gcc-compiled probe.
 * The JVM needs {@code --enable-native-access=ALL-UNNAMED}.
 */
package org.gorlj.env.mujoco;
