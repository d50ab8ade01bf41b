# Per-seed rows of a claim task's record in bench/claim.md, from the bench's committed output:
#   python3 bench/claim-seed-table.py RESULTS_DIR ARMS DIFFERENCES WALL_CLOCK [RETENTION_ARM]
#   e.g. python3 bench/claim-seed-table.py bench/results/claim-four-tasks P,G G-P G/P
#        python3 bench/claim-seed-table.py bench/results/claim-hopper-stand P,C,G,GD GD-C,GD-G,GD-P GD/C GD
# Columns: each arm's final evaluation, the differences and the wall-clock ratio of two of them (each
# arm named in ARMS), the retention arm's (default G) retention at its boundaries, each arm's peak RSS.
# Seeds missing an arm are left out.
import csv, sys
from collections import defaultdict
res, arms, diffs, wall = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(','), sys.argv[4].split('/')
kept = sys.argv[5] if len(sys.argv) > 5 else 'G'
runs = {(r['task'], r['method'], r['seed']): r for r in csv.DictReader(open(res + '/results.csv')) if r['status'] == 'complete'}
ret = defaultdict(list)
with open(res + '/boundaries.csv') as f:
    for b in csv.DictReader(f):
        if b['method'] == kept:
            ret[(b['task'], b['seed'])].append(b['boundary_retention'] and f"{float(b['boundary_retention']):.2f}" or '–')
tasks = list(dict.fromkeys(t for t, _, _ in runs))
seeds = sorted({s for _, _, s in runs}, key=int)
tick = lambda a: f'`{a}`'
print('| task | seed | ' + ' | '.join(f'{tick(a)} final' for a in arms) + ' | '
      + ' | '.join(' − '.join(map(tick, d.split('-', 1))) for d in diffs)
      + f' | {tick(wall[0])} / {tick(wall[1])} wall-clock | {tick(kept)} retention at its boundaries | peak RSS '
      + ' / '.join(map(tick, arms)) + ' MiB |')
print('|---|---:|' + '---:|' * (len(arms) + len(diffs) + 1) + '---|---|')
for task in tasks:
    for seed in seeds:
        r = {a: runs.get((task, a, seed)) for a in arms}
        if not all(r.values()):
            continue
        final = {a: float(r[a]['final_eval_return']) for a in arms}
        w = [float(r[a]['wall_clock_s']) for a in wall]
        print(f"| {task} | {seed} | " + ' | '.join(f'{final[a]:.1f}' for a in arms) + ' | '
              + ' | '.join(f"{final[d.split('-', 1)[0]] - final[d.split('-', 1)[1]]:+.1f}" for d in diffs)
              + f" | {w[0] / w[1]:.2f} ({w[0]:.0f} / {w[1]:.0f} s) | {' / '.join(ret[(task, seed)])} | "
              + ' / '.join(f"{float(r[a]['peak_rss_mb']):.0f}" for a in arms) + ' |')
