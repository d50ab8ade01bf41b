#!/usr/bin/env bash
# SAC on classic/pendulum (preset auto: 30k env steps), 3 seeds, then a 10-episode deterministic eval
# of each run's final policy. Usage: bench/run-sac-pendulum.sh OUT_DIR [GORL_LAUNCHER]
set -euo pipefail
out="${1:?output directory}"
gorl="${2:-$(dirname "$0")/../gorl}"
mkdir -p "$out"
for seed in 1 2 3; do
  start=$(date +%s.%N)
  "$gorl" train --quiet --task classic/pendulum --algo sac --seed "$seed" --out "$out/seed$seed"
  end=$(date +%s.%N)
  echo "seed $seed wall_clock_s $(echo "$end - $start" | bc)" >> "$out/wallclock.txt"
  "$gorl" eval "$out/seed$seed" --checkpoint latest --episodes 10 --json > "$out/seed$seed/eval-latest.json"
done
