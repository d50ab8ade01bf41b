package org.gorlj.env.classic;

import java.util.List;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** The pure-Java tasks: Gymnasium's classic control problems and the two toy bandits. */
public final class ClassicTasks implements TaskProvider {
    @Override
    public List<Task> tasks() {
        return List.of(
                new Task("classic/pendulum", "Gymnasium Pendulum-v1: swing up and balance", 200, Pendulum::new),
                new Task(
                        "classic/mountain-car-continuous",
                        "Gymnasium MountainCarContinuous-v0",
                        999,
                        MountainCarContinuous::new),
                new Task("classic/two-modes", "one-step bandit with two equally good action modes", 1, TwoModes::new),
                new Task(
                        "classic/cliff-edge",
                        "one-step bandit whose best action is at a cliff edge",
                        1,
                        CliffEdge::new));
    }
}
