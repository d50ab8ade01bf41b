#!/usr/bin/env bash
# Session 16: GoRL-FM's RL phase with each learner on an idle machine (bench/throughput.md §15), paths as on that machine.
out=${1:-/work/idle16g}   # where the JSON goes
mkdir -p $out
source "$(dirname "$0")/idle-perf-common.sh"
cd ${2:-/work/main}        # the checkout whose build is measured
for r in 1 2; do
  for learner in torch java; do
    run gorlfm-$learner-$r --algo gorl-fm --task dmc/hopper-stand --preset cpu --steps 204800 --set learner=$learner
  done
done
echo done >> $out/log.txt
