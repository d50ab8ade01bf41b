package org.gorlj.env.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gorlj.env.Env;
import org.gorlj.env.StepResult;
import org.gorlj.env.TaskRegistry;
import org.junit.jupiter.api.Test;

class PendulumTest {
    /** One step against docs/tasks.md §2.1, written out independently: cost on the old state, semi-implicit Euler, clipping. */
    @Test
    void stepFollowsTheSpecEquations() {
        double[][] cases = {{0.5, -1.0, 1.3}, {3.0, 7.9, 2.0}, {-2.8, -7.5, -5.0}, {7.0, 0.2, 0.0}};
        for (double[] c : cases) {
            Pendulum p = new Pendulum();
            p.setState(c[0], c[1]);
            StepResult r = new StepResult(3);
            p.step(new double[] {c[2]}, r);
            double u = Math.max(-2, Math.min(2, c[2]));
            double th = c[0];
            double norm = ((th + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
            double cost = norm * norm + 0.1 * c[1] * c[1] + 0.001 * u * u;
            double newDot = Math.max(-8, Math.min(8, c[1] + (3 * 10.0 / 2 * Math.sin(th) + 3.0 * u) * 0.05));
            double newTh = th + newDot * 0.05;
            assertThat(r.reward).isCloseTo(-cost, within(1e-12));
            assertThat(p.theta()).isCloseTo(newTh, within(1e-12));
            assertThat(p.thetaDot()).isCloseTo(newDot, within(1e-12));
            assertThat(r.observation)
                    .containsExactly(new double[] {Math.cos(newTh), Math.sin(newTh), newDot}, within(1e-12));
            assertThat(r.terminated).isFalse();
        }
    }

    @Test
    void rewardRangeAndUprightOptimum() {
        Pendulum p = new Pendulum();
        StepResult r = new StepResult(3);
        p.setState(0, 0);
        p.step(new double[] {0}, r);
        assertThat(r.reward).isEqualTo(-0.0);
        p.setState(Math.PI, 8);
        p.step(new double[] {2}, r);
        assertThat(r.reward).isCloseTo(-(Math.PI * Math.PI + 0.1 * 64 + 0.004), within(1e-9));
    }

    @Test
    void resetDistributionAndTimeLimit() {
        try (Env env = TaskRegistry.get("classic/pendulum").make()) {
            double[] obs = new double[3];
            StepResult r = new StepResult(3);
            double maxAbsDot = 0;
            for (int e = 0; e < 200; e++) {
                env.reset(e, obs);
                assertThat(obs[0] * obs[0] + obs[1] * obs[1]).isCloseTo(1.0, within(1e-12));
                maxAbsDot = Math.max(maxAbsDot, Math.abs(obs[2]));
            }
            assertThat(maxAbsDot).isLessThanOrEqualTo(1.0).isGreaterThan(0.9);
            env.reset(1, obs);
            int steps = 0;
            do {
                env.step(new double[] {0.5}, r);
                steps++;
            } while (!r.done());
            assertThat(steps).isEqualTo(200);
            assertThat(r.truncated).isTrue();
            assertThat(r.terminated).isFalse();
        }
    }
}
