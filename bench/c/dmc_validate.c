/*
 * Validation harness for the GoRL-J DeepMind Control models (src/main/resources/models/dmc).
 *
 * Usage: dmc_validate MODELS_DIR REFERENCE_FILE [ROW_ID...]
 *
 * For every "model" line of the reference file it compiles MODELS_DIR/NAME.xml with MuJoCo 2.2.2 and
 * checks nq/nv/nu/nbody/nsensordata and the body masses. For every "row" line it reproduces a reference
 * trajectory: set qpos (and qvel), mj_forward, set ctrl, mj_step x N, mj_forward, compare qpos/qvel.
 * A row runs twice, over the same simulated time:
 *   "dmc"     with the row's dmc= settings, which switch the project's Playground values back to
 *             DeepMind Control's;
 *   "project" with the model as the project runs it (plus the row's project= settings).
 * The row's mode= (default dmc) names the run its reference was computed for: that run is checked
 * (max abs error <= tol on qpos, <= qvel_tol or tol on qvel); the other run's deviation is only
 * reported, since it runs other settings than the reference.
 * The reference file format is described in its header. Output lines start with MODEL, MASS, ROW, STATE
 * or SUMMARY; the exit status is 0 when every check passed, 1 otherwise, 2 on bad input.
 *
 * Build: gcc -O2 -o dmc_validate dmc_validate.c -lmujoco -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujoco/mujoco.h>

#define MAX_VALUES 64
#define MAX_LINE 8192

static int failures = 0;

typedef struct {
  int n;
  double v[MAX_VALUES];
} Vector;

static void die(const char* msg, const char* detail) {
  fprintf(stderr, "dmc_validate: %s%s\n", msg, detail ? detail : "");
  exit(2);
}

/* Parses "a,b,c" into out. */
static void parse_vector(const char* text, Vector* out) {
  char buf[MAX_LINE];
  strncpy(buf, text, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = 0;
  out->n = 0;
  for (char* tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
    if (out->n == MAX_VALUES) die("too many values in ", text);
    char* end;
    out->v[out->n++] = strtod(tok, &end);
    if (*end) die("not a number: ", tok);
  }
}

/* Value of "key=" among the whitespace-separated tokens of line, or NULL. */
static const char* field(char** tokens, int ntok, const char* key) {
  size_t len = strlen(key);
  for (int i = 0; i < ntok; i++) {
    if (strncmp(tokens[i], key, len) == 0 && tokens[i][len] == '=') return tokens[i] + len + 1;
  }
  return NULL;
}

static const char* required(char** tokens, int ntok, const char* key) {
  const char* v = field(tokens, ntok, key);
  if (!v) die("missing field ", key);
  return v;
}

static mjModel* load(const char* dir, const char* name) {
  char path[1024];
  char error[1000] = "";
  snprintf(path, sizeof(path), "%s/%s.xml", dir, name);
  mjModel* m = mj_loadXML(path, NULL, error, sizeof(error));
  if (!m) {
    fprintf(stderr, "dmc_validate: cannot load %s: %s\n", path, error);
    exit(2);
  }
  return m;
}

static int id_of(const mjModel* m, int type, const char* name) {
  int id = mj_name2id(m, type, name);
  if (id < 0) die("unknown name in settings: ", name);
  return id;
}

/*
 * Applies comma-separated settings to the model. Returns 1 when explicit damping was requested:
 * the model's dof damping is then zeroed and saved in damping[] for the caller to apply.
 */
static int apply_settings(mjModel* m, mjData* d, const char* settings, double* damping) {
  int explicit_damping = 0;
  int inertia_changed = 0;
  if (!settings) return 0;
  char buf[MAX_LINE];
  strncpy(buf, settings, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = 0;
  char* save = NULL;
  for (char* s = strtok_r(buf, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
    char* arg = strchr(s, ':');
    if (arg) *arg++ = 0;
    if (!strcmp(s, "timestep")) {
      m->opt.timestep = atof(arg);
    } else if (!strcmp(s, "integrator")) {
      if (!strcmp(arg, "rk4")) m->opt.integrator = mjINT_RK4;
      else if (!strcmp(arg, "euler")) m->opt.integrator = mjINT_EULER;
      else die("unknown integrator ", arg);
    } else if (!strcmp(s, "iterations")) {
      m->opt.iterations = atoi(arg);
    } else if (!strcmp(s, "cone")) {
      if (!strcmp(arg, "elliptic")) m->opt.cone = mjCONE_ELLIPTIC;
      else if (!strcmp(arg, "pyramidal")) m->opt.cone = mjCONE_PYRAMIDAL;
      else die("unknown cone ", arg);
    } else if (!strcmp(s, "collide")) {
      int g = id_of(m, mjOBJ_GEOM, arg);
      m->geom_contype[g] = 1;
      m->geom_conaffinity[g] = 1;
    } else if (!strcmp(s, "solid_box")) {
      /* BODY:HX:HY:HZ - the body's mass and inertia become those of a solid density-1000 box
         centred at the body's inertial origin, with axes along the body axes. */
      char* hx = strchr(arg, ':');
      if (!hx) die("solid_box needs BODY:HX:HY:HZ, got ", arg);
      *hx++ = 0;
      int b = id_of(m, mjOBJ_BODY, arg);
      double h[3];
      if (sscanf(hx, "%lf:%lf:%lf", &h[0], &h[1], &h[2]) != 3) die("bad solid_box sizes ", hx);
      double mass = 1000.0 * 8.0 * h[0] * h[1] * h[2];
      m->body_mass[b] = mass;
      m->body_inertia[3 * b + 0] = mass / 3.0 * (h[1] * h[1] + h[2] * h[2]);
      m->body_inertia[3 * b + 1] = mass / 3.0 * (h[0] * h[0] + h[2] * h[2]);
      m->body_inertia[3 * b + 2] = mass / 3.0 * (h[0] * h[0] + h[1] * h[1]);
      m->body_iquat[4 * b + 0] = 1;
      m->body_iquat[4 * b + 1] = 0;
      m->body_iquat[4 * b + 2] = 0;
      m->body_iquat[4 * b + 3] = 0;
      inertia_changed = 1;
    } else if (!strcmp(s, "explicit_damping")) {
      explicit_damping = 1;
    } else {
      die("unknown setting ", s);
    }
  }
  if (inertia_changed) mj_setConst(m, d);
  if (explicit_damping) {
    for (int i = 0; i < m->nv; i++) {
      damping[i] = m->dof_damping[i];
      m->dof_damping[i] = 0;
    }
  }
  return explicit_damping;
}

static double max_error(const double* actual, const Vector* expected) {
  double e = 0;
  for (int i = 0; i < expected->n; i++) e = fmax(e, fabs(actual[i] - expected->v[i]));
  return e;
}

static void print_state(const char* id, const char* mode, const mjModel* m, const mjData* d) {
  printf("STATE %s %s qpos=", id, mode);
  for (int i = 0; i < m->nq; i++) printf("%s%.17g", i ? "," : "", d->qpos[i]);
  printf(" qvel=");
  for (int i = 0; i < m->nv; i++) printf("%s%.17g", i ? "," : "", d->qvel[i]);
  printf("\n");
}

static void check_model(const char* dir, char** tok, int ntok) {
  const char* name = tok[1];
  mjModel* m = load(dir, name);
  int expected[5] = {atoi(required(tok, ntok, "nq")), atoi(required(tok, ntok, "nv")),
                     atoi(required(tok, ntok, "nu")), atoi(required(tok, ntok, "nbody")),
                     atoi(required(tok, ntok, "nsensordata"))};
  int actual[5] = {m->nq, m->nv, m->nu, m->nbody, m->nsensordata};
  int ok = !memcmp(expected, actual, sizeof(actual));
  printf("MODEL %s nq=%d nv=%d nu=%d nbody=%d nsensordata=%d %s\n", name, m->nq, m->nv, m->nu, m->nbody,
         m->nsensordata, ok ? "OK" : "FAIL");
  failures += !ok;

  char buf[MAX_LINE];
  strncpy(buf, required(tok, ntok, "mass"), sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = 0;
  for (char* item = strtok(buf, ","); item; item = strtok(NULL, ",")) {
    char* value = strchr(item, ':');
    if (!value) die("bad mass item ", item);
    *value++ = 0;
    double want = atof(value);
    double got = m->body_mass[id_of(m, mjOBJ_BODY, item)];
    int mass_ok = fabs(got - want) <= 1e-5 * want;
    printf("MASS %s %s %.6g expected %.6g %s\n", name, item, got, want, mass_ok ? "OK" : "FAIL");
    failures += !mass_ok;
  }
  mj_deleteModel(m);
}

/* Runs one row under the given settings; returns the qpos/qvel errors and prints the final state. */
static void run_row(const char* dir, const char* id, const char* mode, char** tok, int ntok,
                    const char* settings, double reference_dt, double* qpos_err, double* qvel_err) {
  mjModel* m = load(dir, required(tok, ntok, "model"));
  mjData* d = mj_makeData(m);
  double damping[MAX_VALUES];
  int explicit_damping = apply_settings(m, d, settings, damping);

  Vector qpos, qvel = {0}, ctrl, eq, ev;
  parse_vector(required(tok, ntok, "qpos"), &qpos);
  if (field(tok, ntok, "qvel")) parse_vector(field(tok, ntok, "qvel"), &qvel);
  parse_vector(required(tok, ntok, "ctrl"), &ctrl);
  parse_vector(required(tok, ntok, "expect_qpos"), &eq);
  parse_vector(required(tok, ntok, "expect_qvel"), &ev);
  if (qpos.n != m->nq || eq.n != m->nq || ev.n != m->nv || ctrl.n != m->nu || (qvel.n && qvel.n != m->nv)) {
    die("row sizes do not match the model: ", id);
  }

  for (int i = 0; i < m->nq; i++) d->qpos[i] = qpos.v[i];
  for (int i = 0; i < qvel.n; i++) d->qvel[i] = qvel.v[i];
  mj_forward(m, d);
  for (int i = 0; i < m->nu; i++) d->ctrl[i] = ctrl.v[i];
  /* the same simulated time as the reference, whatever timestep these settings leave */
  long steps = lround(atol(required(tok, ntok, "steps")) * reference_dt / m->opt.timestep);
  for (long s = 0; s < steps; s++) {
    if (explicit_damping) {
      for (int i = 0; i < m->nv; i++) d->qfrc_applied[i] = -damping[i] * d->qvel[i];
    }
    mj_step(m, d);
  }
  mj_forward(m, d);
  *qpos_err = max_error(d->qpos, &eq);
  *qvel_err = max_error(d->qvel, &ev);
  print_state(id, mode, m, d);
  mj_deleteData(d);
  mj_deleteModel(m);
}

/* Timestep the reference row was computed with: the model's, after the settings of the row's mode. */
static double reference_timestep(const char* dir, char** tok, int ntok, const char* mode) {
  mjModel* m = load(dir, required(tok, ntok, "model"));
  mjData* d = mj_makeData(m);
  double damping[MAX_VALUES];
  apply_settings(m, d, field(tok, ntok, mode), damping);
  double dt = m->opt.timestep;
  mj_deleteData(d);
  mj_deleteModel(m);
  return dt;
}

static void check_row(const char* dir, char** tok, int ntok) {
  const char* id = tok[1];
  const char* mode = field(tok, ntok, "mode") ? field(tok, ntok, "mode") : "dmc";
  if (strcmp(mode, "dmc") && strcmp(mode, "project")) die("mode must be dmc or project: ", mode);
  const char* tol_text = required(tok, ntok, "tol");
  double tol = atof(tol_text);
  double qvel_tol = field(tok, ntok, "qvel_tol") ? atof(field(tok, ntok, "qvel_tol")) : tol;
  double dt = reference_timestep(dir, tok, ntok, mode);
  const char* modes[2] = {"dmc", "project"};
  for (int k = 0; k < 2; k++) {
    double qpos_err, qvel_err;
    run_row(dir, id, modes[k], tok, ntok, field(tok, ntok, modes[k]), dt, &qpos_err, &qvel_err);
    const char* verdict = "REPORT";
    if (!strcmp(mode, modes[k])) {
      int ok = qpos_err <= tol && qvel_err <= qvel_tol;
      verdict = ok ? "PASS" : "FAIL";
      failures += !ok;
    }
    printf("ROW %s %s qpos_err=%.3e qvel_err=%.3e tol=%s %s\n", id, modes[k], qpos_err, qvel_err, tol_text, verdict);
  }
}

static int selected(const char* id, int argc, char** argv) {
  if (argc <= 3) return 1;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], id)) return 1;
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 3) die("usage: dmc_validate MODELS_DIR REFERENCE_FILE [ROW_ID...]", NULL);
  if (mj_version() != 222) {
    fprintf(stderr, "dmc_validate: MuJoCo 2.2.2 expected, found version %d\n", mj_version());
    return 2;
  }
  FILE* f = fopen(argv[2], "r");
  if (!f) die("cannot open ", argv[2]);
  char line[MAX_LINE];
  while (fgets(line, sizeof(line), f)) {
    char* tok[64];
    int ntok = 0;
    for (char* t = strtok(line, " \t\r\n"); t && ntok < 64; t = strtok(NULL, " \t\r\n")) tok[ntok++] = t;
    if (ntok == 0 || tok[0][0] == '#') continue;
    if (ntok < 2) die("short line: ", tok[0]);
    if (!strcmp(tok[0], "model")) {
      if (argc <= 3) check_model(argv[1], tok, ntok);
    } else if (!strcmp(tok[0], "row")) {
      if (selected(tok[1], argc, argv)) check_row(argv[1], tok, ntok);
    } else {
      die("unknown line kind: ", tok[0]);
    }
  }
  fclose(f);
  printf("SUMMARY failures=%d\n", failures);
  return failures ? 1 : 0;
}
