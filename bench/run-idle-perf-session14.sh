#!/usr/bin/env bash
# Session 14: the idle gorl perf rounds of bench/throughput.md §11 (paths as on that machine)
# idle-machine gorl perf rounds (session 14); each command's JSON in its own file
cd /work/main
steal() { awk '/^cpu /{print $9}' /proc/stat; }
run() { local name=$1; shift
  local s0=$(steal); local l=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v ./gorl perf "$@" --json > /work/idle5/$name.json 2> /work/idle5/$name.err
  echo "$name load_before=$l steal_ticks=$(( $(steal) - s0 )) rss_kb=$(grep 'Maximum resident' /work/idle5/$name.err | awk '{print $6}')" >> /work/idle5/log.txt
}
for r in 1 2; do
  run ppo-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800
  run ppo-tt2-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set torch_threads=2
  run ppo-async-$r --algo ppo --task dmc/hopper-stand --preset cpu --steps 204800 --set async_collection=true
  run gorlfm-$r --algo gorl-fm --task dmc/hopper-stand --preset cpu --steps 204800
  run fpo-$r --algo fpo --task dmc/hopper-stand --preset cpu --steps 409600
  run dppo-$r --algo dppo --task dmc/hopper-stand --preset cpu --steps 409600
done
echo done >> /work/idle5/log.txt
