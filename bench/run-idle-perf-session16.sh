#!/usr/bin/env bash
# Session 16: the idle gorl perf rounds of bench/throughput.md §15 (paths as on that machine):
# PPO with the plain-Java learner and env_threads=1 asynchronous collection (collector and learner one
# core each); FPO and DPPO with the tensor and the plain-Java learner, asynchronous, and Java synchronous.
out=${1:-/work/idle16}   # where the JSON goes
mkdir -p $out
cd ${2:-/work/main}        # the checkout whose build is measured
steal() { awk '/^cpu /{print $9}' /proc/stat; }
run() { local name=$1; shift
  local s0=$(steal); local l=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v ./gorl perf "$@" --json > $out/$name.json 2> $out/$name.err
  echo "$name load_before=$l steal_ticks=$(( $(steal) - s0 )) rss_kb=$(grep 'Maximum resident' $out/$name.err | awk '{print $6}')" >> $out/log.txt
}
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
