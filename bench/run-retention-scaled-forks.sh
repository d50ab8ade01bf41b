#!/usr/bin/env bash
# Session 14: first-boundary forks for bench/retention-cheetah-run.md "Session 14" (paths as on that machine)
# first-boundary forks of the campaign's C trunks (cheetah-run): the preset's fit against decoder_action_scale=standard
cd /work/exp14
T=/work/frozen14/runs/bench/claim/dmc-cheetah-run/C
for seed in 1 2 3; do
  while [ ! -f $T/seed-$seed/checkpoints/step-1638400.ckpt ]; do sleep 20; done
  for arm in "scaled50:decoder_epochs=50" "scaled15:decoder_epochs=15" "scaled10:decoder_epochs=10"; do
    name=${arm%%:*}; ep=${arm#*:}
    out=/work/exp14/runs/$name-seed-$seed
    [ -f $out/metrics.csv ] && grep -q "^.*,1675264," $out/metrics.csv && continue
    echo "$(date -u +%T) $name seed $seed load $(cut -d' ' -f1 /proc/loadavg)"
    nice -n 5 ./gorl train --quiet --fork $T/seed-$seed --checkpoint step-1638400 --out $out \
      --set stage_steps=1638400,1638400,819200 --set decoder_record_mean=true --set keep_critic=true \
      --set total_steps=1675264 --set decoder_action_scale=standard --set $ep > $out.log 2>&1 || echo "failed $name $seed"
  done
done
echo "$(date -u +%T) done"
