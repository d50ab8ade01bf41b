/* Raw mj_step rate of one model from C, the baseline for org.gorlj.env.mujoco.MujocoThroughput.
 * The loop is the same as the Java one: reset every 1000 steps, ctrl[j] = sin(0.01 i + j), mj_step.
 * As a program:  gcc -O2 -o mj_step_loop mj_step_loop.c -lmujoco -lm
 *                mj_step_loop MODEL.xml STEPS        prints "steps_per_second <value>"
 * As a library (called from the JVM on the same mjModel/mjData, to compare within one process):
 *                gcc -O2 -shared -fPIC -DMJ_STEP_LOOP_LIBRARY -o libmj_step_loop.so mj_step_loop.c -lmujoco -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <mujoco/mujoco.h>

void mj_step_loop_run(const mjModel* m, mjData* d, long steps) {
  for (long i = 0; i < steps; i++) {
    if (i % 1000 == 0) {
      mj_resetData(m, d);
    }
    for (int j = 0; j < m->nu; j++) {
      d->ctrl[j] = sin(0.01 * (double)i + j);
    }
    mj_step(m, d);
  }
}

#ifndef MJ_STEP_LOOP_LIBRARY
int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s MODEL.xml STEPS\n", argv[0]);
    return 2;
  }
  char error[1000] = "";
  mjModel* m = mj_loadXML(argv[1], NULL, error, sizeof(error));
  if (!m) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], error);
    return 1;
  }
  mjData* d = mj_makeData(m);
  long steps = atol(argv[2]);
  mj_step_loop_run(m, d, steps / 5); /* warm-up, as the Java side warms up its JIT */
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  mj_step_loop_run(m, d, steps);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("steps_per_second %.0f\n", steps / seconds);
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}
#endif
