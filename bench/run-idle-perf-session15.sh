#!/usr/bin/env bash
# Session 15: the idle gorl perf rounds of bench/throughput.md §13 (paths as on that machine):
# PPO with the tensor and the plain-Java learner, each synchronous and asynchronous with env_threads=1
# (collector and learner one core each); FPO and DPPO synchronous and asynchronous with env_threads=1
out=${1:-/work/idle15b}   # where the JSON goes
mkdir -p $out
source "$(dirname "$0")/idle-perf-common.sh"
cd ${2:-/work/main}        # the checkout whose build is measured
async1="--set async_collection=true --set env_threads=1"
for r in 1 2; do
  run ppo-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800
  run ppo-async1-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 $async1
  run ppo-java-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set learner=java
  run ppo-java-async1-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set learner=java $async1
  run fpo-$r --algo fpo --task dmc/hopper-stand --preset cpu --steps 409600
  run fpo-async1-$r --algo fpo --task dmc/hopper-stand --preset cpu --steps 409600 $async1
  run dppo-$r --algo dppo --task dmc/hopper-stand --preset cpu --steps 409600
  run dppo-async1-$r --algo dppo --task dmc/hopper-stand --preset cpu --steps 409600 $async1
done
echo done >> $out/log.txt
