#!/usr/bin/env bash
# Session 14: the idle gorl perf rounds of bench/throughput.md §11 (paths as on that machine)
# idle-machine gorl perf rounds (session 14); each command's JSON in its own file
out=/work/idle5
source "$(dirname "$0")/idle-perf-common.sh"
cd /work/main
for r in 1 2; do
  run ppo-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800
  run ppo-tt2-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set torch_threads=2
  run ppo-async-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set async_collection=true
  run gorlfm-$r --algo gorl-fm --task dmc/hopper-stand --preset cpu --steps 204800
  run fpo-$r --algo fpo --task dmc/hopper-stand --preset cpu --steps 409600
  run dppo-$r --algo dppo --task dmc/hopper-stand --preset cpu --steps 409600
done
echo done >> /work/idle5/log.txt
