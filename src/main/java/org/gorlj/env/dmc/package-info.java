/**
 * DeepMind Control Suite tasks as the GoRL paper ran them (through MuJoCo Playground), on the
 * project's own MJCF models in {@code models/dmc}.
 *
 * <p>The task logic (observations, rewards, initial-state distributions) is written as pure
 * functions of the physical quantities it needs, one class per domain ({@link Hopper},
 * {@link Cheetah}, {@link Walker}, {@link Finger}, {@link Fish}, {@link Cartpole},
 * {@link PendulumSwingup}, {@link Acrobot}, {@link Reacher}, {@link PointMass}, {@link Humanoid}), all built on
 * {@link Rewards#tolerance}. {@link DmcTask} lists the tasks with their time steps and sizes;
 * {@link DmcTasks} registers them as environments ({@code dmc/hopper-stand}, ...), which step
 * MuJoCo 2.2.2 with Playground's conventions. docs/dmc-tasks.md describes every task and each
 * choice between Playground and DMC.
 */
package org.gorlj.env.dmc;
