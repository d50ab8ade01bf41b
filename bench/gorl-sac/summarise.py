"""Prints a (GoRL-)SAC run's time split, its evaluations by step (phase in brackets when not rl) and the
first RL row of each stage.

With --evals, prints instead one markdown bullet per run listing its evaluations, grouped by GoRL-SAC stage.
With --rows, prints instead one markdown table row per run for bench/sac-gym.md: final eval (mean and std
over its episodes), best eval (step, and stage for GoRL-SAC), the episode-weighted training return over
the last 10 % of steps, wall-clock, learning share, gradient steps and peak RSS.

Usage: python3 bench/gorl-sac/summarise.py [--rows | --evals] RUN_DIR...
"""
import csv,json,os,sys

def run_id(d):
    """(task, method, seed) of a bench run directory .../gym-hopper/sac/seed-1."""
    return d.rstrip('/').split('/')[-3:]

def phase_label(r):
    return 'collection' if r.get('phase') == 'collect' else 'stage ' + r.get('stage', '0')

def table_row(d, rows, rss):
    task, method, seed = run_id(d)
    last = rows[-1]
    steps = int(last['global_step'])
    evals = [r for r in rows if r['eval_return']]
    best = max(evals, key=lambda r: float(r['eval_return']))
    where = '%dk' % (int(best['global_step']) // 1000)
    if method != 'sac':
        where += ', ' + phase_label(best)
    tail = [r for r in rows if int(r['global_step']) > 0.9 * steps and r['episodic_return'] and r.get('phase', 'rl') == 'rl']
    episodes = sum(float(r['episodes']) for r in tail)
    train = sum(float(r['episodic_return']) * float(r['episodes']) for r in tail) / episodes
    time_s = float(last['time_s'])
    return '| %s | %s | %s | %.1f ± %.1f | %.1f (%s) | %.1f | %s s | %.1f %% | %s | %s MiB |' % (
        task.replace('gym-', 'gym/'), method, seed.replace('seed-', ''), float(evals[-1]['eval_return']),
        float(evals[-1]['eval_std']), float(best['eval_return']), where, train, format(round(time_s), ','),
        100 * float(last['learning_s']) / time_s, format(int(last['gradient_steps']), ','),
        format(round(rss), ',') if rss else '?')

def evals_bullet(d, rows):
    task, method, seed = run_id(d)
    groups = []
    for r in (r for r in rows if r['eval_return']):
        label = phase_label(r)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        step = int(r['global_step'])
        mark = ' (%dk)' % (step // 1000) if step % 100000 == 0 else ''
        groups[-1][1].append('%.0f%s' % (float(r['eval_return']), mark))
    name = '%s %s seed %s' % (task.replace('gym-', ''), 'SAC' if method == 'sac' else 'GoRL-SAC', seed.replace('seed-', ''))
    if method == 'sac':
        return '- %s: %s.' % (name, ', '.join(groups[0][1]))
    return '- %s: %s.' % (name, '; '.join(label + ' ' + ', '.join(values) for label, values in groups))

as_rows, as_evals = '--rows' in sys.argv, '--evals' in sys.argv
for d in [a for a in sys.argv[1:] if a not in ('--rows', '--evals')]:
    rows=list(csv.DictReader(open(d+'/metrics.csv')))
    ev=[(r['global_step'],r.get('phase','rl'),r.get('stage','0'),float(r['eval_return'])) for r in rows if r['eval_return']]
    last=rows[-1]
    rss=json.load(open(d+'/bench.json')).get('peak_rss_mb') if os.path.exists(d+'/bench.json') else None
    if as_rows:
        print(table_row(d, rows, rss)); continue
    if as_evals:
        print(evals_bullet(d, rows)); continue
    print(d, 'steps',last['global_step'],'time_s %.0f'%float(last['time_s']),
          ' '.join('%s %.0f'%(k,float(last[k])) for k in ('physics_s','inference_s','learning_s')),
          'gradient_steps',last.get('gradient_steps',''),'peak_rss_mb',rss)
    print('  evals:', ', '.join('%dk%s: %.0f'%(int(g)//1000, '' if p=='rl' else '('+p[:3]+')', v) for g,p,s,v in ev))
    fr=[r for r in rows if r.get('phase','rl')=='rl']
    # first rl row of each stage
    seen=set()
    for r in fr:
        if r.get('stage','0') not in seen:
            seen.add(r.get('stage','0')); print('  first rl row stage',r.get('stage','0'),'step',r['global_step'],'train return',r['episodic_return'][:7])
