/**
 * Gymnasium's MuJoCo tasks (InvertedPendulum, Hopper, HalfCheetah, Walker2d) with v5 semantics, on
 * the project's own MJCF models in {@code models/gym/} and the MuJoCo binding of
 * {@link org.gorlj.env.mujoco}. Registered as {@code gym/...} by {@link org.gorlj.env.gym.GymTasks}.
 */
package org.gorlj.env.gym;
