#!/bin/bash
# Stochastic evaluations (actions sampled, 50 episodes, eval seed 12345) of the final (latest) checkpoint
# of a claim spec's runs, one CSV row each (as in bench/results/claim-*/stochastic-evals.csv).
# Usage: bench/claim-stochastic-evals.sh RUNS_ROOT "TASKS" "ARMS" "SEEDS"
#   e.g. bench/claim-stochastic-evals.sh runs/bench/claim "walker-walk fish-swim" "G P" "1 2 3"
set -euo pipefail
root=${1:?usage: $0 RUNS_ROOT TASKS ARMS SEEDS}
echo "task,method,seed,checkpoint,global_step,episodes,eval_seed,mean_return,std_return"
for t in $2; do
  for s in $4; do
    for m in $3; do
      ./gorl eval "$root/dmc-$t/$m/seed-$s" --checkpoint=latest --episodes=50 --seed=12345 --stochastic --json \
        | tail -1 \
        | python3 -c "import json,sys; j=json.load(sys.stdin); print('dmc/$t,$m,$s,latest,%d,%d,12345,%r,%r' % (j['global_step'], j['episodes'], j['mean_return'], j['std_return']))"
    done
  done
done
