package org.gorlj.env.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.env.StepResult;
import org.junit.jupiter.api.Test;

class MountainCarContinuousTest {
    @Test
    void stepFollowsTheSpecEquations() {
        MountainCarContinuous car = new MountainCarContinuous();
        car.setState(-0.5, 0.01);
        StepResult r = new StepResult(2);
        car.step(new double[] {1.7}, r); // force clipped to 1, cost on the unclipped action
        double v = 0.01 + 1 * 0.0015 - 0.0025 * Math.cos(3 * -0.5);
        double x = -0.5 + v;
        assertThat(r.observation[0]).isCloseTo((float) x, within(1e-12));
        assertThat(r.observation[1]).isCloseTo((float) v, within(1e-12));
        assertThat(r.reward).isCloseTo(-0.1 * 1.7 * 1.7, within(1e-12));
        assertThat(r.terminated).isFalse();
    }

    @Test
    void reachingTheGoalTerminatesWithBonus() {
        MountainCarContinuous car = new MountainCarContinuous();
        car.setState(0.44, 0.06);
        StepResult r = new StepResult(2);
        car.step(new double[] {0.5}, r);
        assertThat(r.terminated).isTrue();
        assertThat(r.reward).isCloseTo(100 - 0.1 * 0.25, within(1e-12));
    }

    @Test
    void leftWallStopsTheCar() {
        MountainCarContinuous car = new MountainCarContinuous();
        car.setState(-1.19, -0.07);
        StepResult r = new StepResult(2);
        car.step(new double[] {-1}, r);
        assertThat(r.observation[0]).isEqualTo((double) (float) -1.2);
        assertThat(r.observation[1]).isEqualTo(0.0);
    }
}
