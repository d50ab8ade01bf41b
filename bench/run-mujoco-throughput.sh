#!/usr/bin/env bash
# Raw mj_step rate, Java (through the FFM binding) vs C (gcc -O2, same libmujoco), then VecEnv
# throughput of the Gymnasium tasks. Run from the repository root after `mvn -q -B -o compile`.
# Usage: bench/run-mujoco-throughput.sh [vec-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
VEC_SECONDS=${1:-3}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP="target/classes:$(mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
RUN=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" org.gorlj.env.mujoco.MujocoThroughput)
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296

mkdir -p target/bench
gcc -O2 -o target/bench/mj_step_loop bench/c/mj_step_loop.c -lmujoco -lm
gcc -O2 -shared -fPIC -DMJ_STEP_LOOP_LIBRARY -o target/bench/libmj_step_loop.so bench/c/mj_step_loop.c -lmujoco -lm

MODELS=src/main/resources/models/gym
echo "| model | steps | C steps/s (3 runs) | Java steps/s (3 runs) | Java / C (medians) |"
echo "|---|---:|---|---|---:|"
for entry in inverted_pendulum:1500000 hopper:400000 half_cheetah:1000000 walker2d:300000; do
  model=${entry%%:*}; steps=${entry##*:}
  c=(); j=()
  for run in 1 2 3; do   # alternate C and Java so both see the same machine load
    c+=("$(target/bench/mj_step_loop "$MODELS/$model.xml" "$steps" | awk '{print $2}')")
    j+=("$("${RUN[@]}" raw "$MODELS/$model.xml" "$steps" | awk '{print $2}')")
  done
  cm=$(printf '%s\n' "${c[@]}" | sort -n | sed -n 2p)
  jm=$(printf '%s\n' "${j[@]}" | sort -n | sed -n 2p)
  echo "| $model | $steps | ${c[*]} | ${j[*]} | $(awk -v a="$jm" -v b="$cm" 'BEGIN{printf "%.1f%%", 100*a/b}') |"
done

echo
echo "In one JVM, Java loop and C loop (shared library) alternated on the same mjModel/mjData, 15 rounds:"
echo "| model | steps per round | C steps/s (median) | Java steps/s (median) | Java / C (median of rounds) |"
echo "|---|---:|---:|---:|---:|"
for entry in inverted_pendulum:100000 hopper:30000 half_cheetah:100000 walker2d:20000; do
  model=${entry%%:*}; steps=${entry##*:}
  "${RUN[@]}" interleaved "$MODELS/$model.xml" target/bench/libmj_step_loop.so "$steps" 15 \
    | awk -v m="$model" -v s="$steps" '{printf "| %s | %s | %s | %s | %.1f%% |\n", m, s, $4, $2, 100*$6}'
done

echo
"${RUN[@]}" vec "$VEC_SECONDS" gym/inverted-pendulum gym/hopper gym/half-cheetah gym/walker2d
