#!/usr/bin/env bash
# Regenerates a spec's committed tables (results.csv/md, summary, paired, boundaries, PNG) with THIS
# checkout's build from run directories trained elsewhere, e.g. by a frozen clone whose build is older:
#   bench/regenerate-tables.sh bench/specs/claim-hopper-stand.json /work/exp14
# RUNS_CHECKOUT is the checkout the campaign runs in (its spec's "out" directory, relative to it, holds
# the runs). Its own results are not touched; this checkout's results directory receives the new files,
# keeping files the bench does not write (such as stochastic-evals.csv).
set -euo pipefail
spec=${1:?usage: $0 SPEC RUNS_CHECKOUT}
campaign=$(cd "${2:?usage: $0 SPEC RUNS_CHECKOUT}" && pwd)
here=$(pwd)
results=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'])" "$spec")
out=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['out'])" "$spec")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/$(dirname "$spec")" "$work/$(dirname "$results")" "$work/$(dirname "$out")"
cp "$spec" "$work/$spec"
cp -r "$campaign/$results" "$work/$results"
ln -s "$campaign/$out" "$work/$out"
touch "$work/before-tables"
(cd "$work" && "$here/gorl" bench "$spec" --table-only)
# only what the bench wrote just now: the campaign's copies of other files (stochastic-evals.csv) may be older
find "$work/$results" -maxdepth 1 -type f -newer "$work/before-tables" -exec cp {} "$here/$results/" \;
