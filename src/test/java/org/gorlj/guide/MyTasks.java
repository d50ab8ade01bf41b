package org.gorlj.guide;

import java.util.List;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** The user's tasks: in a jar, list this class in META-INF/services/org.gorlj.env.TaskProvider. */
public final class MyTasks implements TaskProvider {
    @Override
    public List<Task> tasks() {
        return List.of(
                new Task("my/thermostat", "keep a room at its set-point for a day", 96, Thermostat::new),
                new Task("my/point-reach", "push a point mass to a target (MuJoCo)", 100, PointReach::new));
    }
}
