package org.gorlj.env.gym;

import java.util.List;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** The Gymnasium MuJoCo tasks (v5 semantics), each with Gymnasium's 1000-step time limit. */
public final class GymTasks implements TaskProvider {
    /** Gymnasium's {@code max_episode_steps} for these tasks. */
    static final int EPISODE_STEPS = 1000;

    @Override
    public List<Task> tasks() {
        return List.of(
                new Task(
                        "gym/inverted-pendulum",
                        "Gymnasium InvertedPendulum-v5: balance a pole on a cart",
                        EPISODE_STEPS,
                        InvertedPendulum::new),
                new Task("gym/hopper", "Gymnasium Hopper-v5: hop forward on one leg", EPISODE_STEPS, Hopper::new),
                new Task("gym/half-cheetah", "Gymnasium HalfCheetah-v5: run forward", EPISODE_STEPS, HalfCheetah::new),
                new Task(
                        "gym/walker2d",
                        "Gymnasium Walker2d-v5: walk forward on two legs",
                        EPISODE_STEPS,
                        Walker2d::new));
    }
}
