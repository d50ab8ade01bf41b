package org.gorlj.env.gym;

import java.util.List;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** The Gymnasium MuJoCo tasks (v5 semantics), each with Gymnasium's time limit (1000 steps; Reacher 50, Pusher 100). */
public final class GymTasks implements TaskProvider {
    /** Gymnasium's {@code max_episode_steps} for these tasks. */
    static final int EPISODE_STEPS = 1000;

    /** Gymnasium's {@code max_episode_steps} for Reacher. */
    static final int REACHER_EPISODE_STEPS = 50;
    /** Gymnasium's {@code max_episode_steps} for Pusher. */
    static final int PUSHER_EPISODE_STEPS = 100;

    @Override
    public List<Task> tasks() {
        return List.of(
                new Task(
                        "gym/inverted-pendulum",
                        "Gymnasium InvertedPendulum-v5: balance a pole on a cart",
                        EPISODE_STEPS,
                        InvertedPendulum::new),
                new Task(
                        "gym/inverted-double-pendulum",
                        "Gymnasium InvertedDoublePendulum-v5: balance two stacked poles on a cart",
                        EPISODE_STEPS,
                        InvertedDoublePendulum::new),
                new Task(
                        "gym/reacher",
                        "Gymnasium Reacher-v5: bring a two-link arm's tip to a target",
                        REACHER_EPISODE_STEPS,
                        Reacher::new),
                new Task(
                        "gym/pusher",
                        "Gymnasium Pusher-v5: push a cylinder onto a goal with a 7-joint arm",
                        PUSHER_EPISODE_STEPS,
                        Pusher::new),
                new Task(
                        "gym/swimmer",
                        "Gymnasium Swimmer-v5: swim forward in a viscous fluid",
                        EPISODE_STEPS,
                        Swimmer::new),
                new Task("gym/hopper", "Gymnasium Hopper-v5: hop forward on one leg", EPISODE_STEPS, Hopper::new),
                new Task("gym/half-cheetah", "Gymnasium HalfCheetah-v5: run forward", EPISODE_STEPS, HalfCheetah::new),
                new Task(
                        "gym/walker2d",
                        "Gymnasium Walker2d-v5: walk forward on two legs",
                        EPISODE_STEPS,
                        Walker2d::new),
                new Task("gym/ant", "Gymnasium Ant-v5: walk forward on four legs", EPISODE_STEPS, Ant::new),
                new Task(
                        "gym/humanoid",
                        "Gymnasium Humanoid-v5: walk forward on two legs in 3D",
                        EPISODE_STEPS,
                        Humanoid::new),
                new Task(
                        "gym/humanoid-standup",
                        "Gymnasium HumanoidStandup-v5: stand up from lying on the back",
                        EPISODE_STEPS,
                        HumanoidStandup::new));
    }
}
