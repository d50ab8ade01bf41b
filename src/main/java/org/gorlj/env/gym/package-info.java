/**
 * Gymnasium's eleven MuJoCo tasks (InvertedPendulum, InvertedDoublePendulum, Reacher, Pusher,
 * Swimmer, Hopper, HalfCheetah, Walker2d, Ant, Humanoid, HumanoidStandup) with v5 semantics and
 * default keywords, on the project's own MJCF models in {@code models/gym/} and the MuJoCo binding of
 * {@link org.gorlj.env.mujoco}. Registered as {@code gym/...} by {@link org.gorlj.env.gym.GymTasks}.
 */
package org.gorlj.env.gym;
