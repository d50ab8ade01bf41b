package org.gorlj.env.dmc;

import java.util.ArrayList;
import java.util.List;
import org.gorlj.env.Env;
import org.gorlj.env.Task;
import org.gorlj.env.TaskProvider;

/** The DeepMind Control tasks ({@code dmc/...}), each with its 1000-step time limit. */
public final class DmcTasks implements TaskProvider {
    @Override
    public List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        for (DmcTask t : DmcTask.values()) {
            tasks.add(new Task(
                    t.taskName(), "DeepMind Control " + t.description(), DmcTask.EPISODE_STEPS, () -> create(t)));
        }
        return List.copyOf(tasks);
    }

    /** A new, un-wrapped environment of {@code task} (loads its own model). */
    public static Env create(DmcTask task) {
        return switch (task) {
            case HOPPER_STAND -> new HopperEnv(false);
            case HOPPER_HOP -> new HopperEnv(true);
            case CHEETAH_RUN -> new CheetahEnv();
            case WALKER_STAND, WALKER_WALK, WALKER_RUN -> new WalkerEnv(task);
            case FINGER_SPIN, FINGER_TURN_EASY, FINGER_TURN_HARD -> new FingerEnv(task);
            case FISH_SWIM -> new FishEnv();
            case CARTPOLE_BALANCE -> new CartpoleEnv(false);
            case CARTPOLE_SWINGUP -> new CartpoleEnv(true);
            case PENDULUM_SWINGUP -> new PendulumSwingupEnv();
            case ACROBOT_SWINGUP -> new AcrobotEnv();
            case REACHER_EASY -> new ReacherEnv(false);
            case REACHER_HARD -> new ReacherEnv(true);
            case POINT_MASS -> new PointMassEnv();
            case HUMANOID_STAND, HUMANOID_WALK, HUMANOID_RUN -> new HumanoidEnv(task);
        };
    }
}
