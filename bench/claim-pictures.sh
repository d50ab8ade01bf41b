#!/usr/bin/env bash
# Pictures of a claim task's record (issue 21): each final policy's mode picture at the first reset
# state, and each GoRL run's curve with its stage boundaries.
#   bench/claim-pictures.sh TASK RUNS_ROOT ARMS...   e.g. bench/claim-pictures.sh finger-spin /work/frozen15/runs P G
# SEEDS="2 3" limits it to those seeds (default: every seed directory, complete or not).
# Writes bench/claim-TASK/ARM-seedN-modes.png and G*-seedN-curve.png, and prints the mode counts.
set -euo pipefail
task=$1; root=$2; shift 2
here="$(dirname "$(readlink -f "$0")")"
out="$here/claim-$task"
mkdir -p "$out"
for arm in "$@"; do
  for dir in "$root/bench/claim/dmc-$task/$arm"/seed-*; do
    seed=${dir##*seed-}
    if [ -n "${SEEDS:-}" ] && [[ " $SEEDS " != *" $seed "* ]]; then continue; fi
    modes=$("$here/../gorl" modes --checkpoint latest --out "$out/$arm-seed$seed-modes.png" "$dir" 2>/dev/null | grep "^modes:" | cut -d"(" -f1)
    echo "$arm$seed: $modes"
    case $arm in G*) cp "$dir/curve.png" "$out/$arm-seed$seed-curve.png";; esac
  done
done
