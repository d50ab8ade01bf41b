#!/usr/bin/env bash
# Session 16: the idle gorl perf rounds of bench/throughput.md §15 (paths as on that machine):
# PPO with the plain-Java learner and env_threads=1 asynchronous collection (collector and learner one
# core each); FPO and DPPO with the tensor and the plain-Java learner, asynchronous, and Java synchronous.
out=${1:-/work/idle16}   # where the JSON goes
mkdir -p $out
source "$(dirname "$0")/idle-perf-common.sh"
cd ${2:-/work/main}        # the checkout whose build is measured
async1="--set async_collection=true --set env_threads=1"
for r in 1 2; do
  run ppo-java-async1-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set learner=java $async1
  for algo in fpo dppo; do
    run $algo-async1-$r --algo $algo --task dmc/hopper-stand --preset cpu --steps 409600 $async1
    run $algo-java-async1-$r --algo $algo --task dmc/hopper-stand --preset cpu --steps 409600 --set learner=java $async1
    run $algo-java-$r --algo $algo --task dmc/hopper-stand --preset cpu --steps 409600 --set learner=java
  done
done
echo done >> $out/log.txt
