# Per-seed rows of bench/claim.md's four-task section from the bench's committed output:
#   python3 bench/claim-four-tasks-table.py bench/results/claim-four-tasks
import csv, sys
from collections import defaultdict
res = sys.argv[1] if len(sys.argv) > 1 else 'bench/results/claim-four-tasks'
runs = {(r['task'], r['method'], r['seed']): r for r in csv.DictReader(open(res + '/results.csv')) if r['status'] == 'complete'}
ret = defaultdict(list)
with open(res + '/boundaries.csv') as f:
    for b in csv.DictReader(f):
        if b['method'] == 'G':
            ret[(b['task'], b['seed'])].append(b['boundary_retention'] and f"{float(b['boundary_retention']):.2f}" or '–')
print('| task | seed | `P` final | `G` final | `G` − `P` | `G` / `P` wall-clock | `G` retention at its 3 boundaries | peak RSS `P` / `G` MiB |')
print('|---|---:|---:|---:|---:|---:|---|---|')
for task in ('dmc/walker-walk', 'dmc/finger-spin', 'dmc/finger-turn-hard', 'dmc/fish-swim'):
    for seed in ('1', '2', '3'):
        p, g = runs.get((task, 'P', seed)), runs.get((task, 'G', seed))
        if not p or not g:
            continue
        pf, gf = float(p['final_eval_return']), float(g['final_eval_return'])
        wc = float(g['wall_clock_s']) / float(p['wall_clock_s'])
        print(f"| {task} | {seed} | {pf:.1f} | {gf:.1f} | {gf - pf:+.1f} | {wc:.2f} ({float(g['wall_clock_s']):.0f} / {float(p['wall_clock_s']):.0f} s) | {' / '.join(ret[(task, seed)])} | {float(p['peak_rss_mb']):.0f} / {float(g['peak_rss_mb']):.0f} |")
