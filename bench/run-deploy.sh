#!/usr/bin/env bash
# Export time, file sizes and inference time per action (the project's own Java against ONNX Runtime, one
# thread each, batches 1 and 64) of every algorithm's policy on classic/pendulum (preset auto's network
# sizes; a short training, as the figures depend on the sizes, not on the weights), then the exported
# file evaluated through ONNX Runtime next to the checkpoint's own evaluation.
# Usage: bench/run-deploy.sh OUT_DIR [GORL_LAUNCHER]
set -euo pipefail
out="${1:?output directory}"
gorl="${2:-$(dirname "$0")/../gorl}"
mkdir -p "$out"
onpolicy=(--set num_envs=2 --set num_steps=64 --set num_minibatches=2 --set eval_episodes=1)
gorl_ppo=("${onpolicy[@]}" --set stage_steps=128 --set decoder_data_steps=128 --set decoder_epochs=2
  --set boundary_eval_episodes=0)
sac=(--set num_envs=1 --set learning_starts=64 --set batch_size=32 --set iteration_steps=64 --set eval_episodes=1)
gorl_sac=("${sac[@]}" --set stage_steps=128 --set decoder_data_steps=64 --set decoder_epochs=2
  --set boundary_eval_episodes=0)
train() { # algo steps settings...
  local algo=$1 steps=$2
  shift 2
  "$gorl" train --quiet --task classic/pendulum --algo "$algo" --steps "$steps" --out "$out/$algo" "$@"
}
train ppo 256 "${onpolicy[@]}"
train sac 192 "${sac[@]}"
train gorl-fm 384 "${gorl_ppo[@]}"
train gorl-diffusion 384 "${gorl_ppo[@]}"
train gorl-sac 320 "${gorl_sac[@]}"
train fpo 256 "${onpolicy[@]}"
train dppo 256 "${onpolicy[@]}"
for algo in ppo sac gorl-fm gorl-diffusion gorl-sac fpo dppo; do
  "$gorl" export "$out/$algo" --format onnx --checkpoint latest --time | tee "$out/$algo/export.txt"
  "$gorl" eval "$out/$algo" --onnx "$out/$algo/policy.onnx" --episodes 5 | tee -a "$out/$algo/export.txt"
  "$gorl" eval "$out/$algo" --checkpoint latest --episodes 5 | tee -a "$out/$algo/export.txt"
done
