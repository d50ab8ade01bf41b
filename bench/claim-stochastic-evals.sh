#!/bin/bash
# Stochastic evaluations (actions sampled, 50 episodes, eval seed 12345) of the final (latest) checkpoint
# of every claim-four-tasks run, one CSV row each, as in bench/results/claim-four-tasks/stochastic-evals.csv.
# Usage: bench/claim-stochastic-evals.sh RUNS_ROOT   (the spec's "out" directory, e.g. runs/bench/claim)
set -euo pipefail
root=${1:?usage: $0 RUNS_ROOT}
echo "task,method,seed,checkpoint,global_step,episodes,eval_seed,mean_return,std_return"
for t in walker-walk finger-spin finger-turn-hard fish-swim; do
  for s in 1 2 3; do
    for m in G P; do
      ./gorl eval "$root/dmc-$t/$m/seed-$s" --checkpoint=latest --episodes=50 --seed=12345 --stochastic --json \
        | tail -1 \
        | python3 -c "import json,sys; j=json.load(sys.stdin); print('dmc/$t,$m,$s,latest,%d,%d,12345,%r,%r' % (j['global_step'], j['episodes'], j['mean_return'], j['std_return']))"
    done
  done
done
