"""Prints a GoRL run's evaluations by step (phase in brackets when not rl) and the first RL row of each stage.

Usage: python3 bench/gorl-sac/summarise.py RUN_DIR...
"""
import csv,sys
for d in sys.argv[1:]:
    rows=list(csv.DictReader(open(d+'/metrics.csv')))
    ev=[(r['global_step'],r.get('phase','rl'),r.get('stage','0'),float(r['eval_return'])) for r in rows if r['eval_return']]
    print(d, 'steps',rows[-1]['global_step'],'time_s %.0f'%float(rows[-1]['time_s']), 'learning_s %.0f'%float(rows[-1]['learning_s']))
    print('  evals:', ', '.join('%dk%s: %.0f'%(int(g)//1000, '' if p=='rl' else '('+p[:3]+')', v) for g,p,s,v in ev))
    fr=[r for r in rows if r.get('phase','rl')=='rl']
    # first rl row of each stage
    seen=set()
    for r in fr:
        if r.get('stage','0') not in seen:
            seen.add(r.get('stage','0')); print('  first rl row stage',r.get('stage','0'),'step',r['global_step'],'train return',r['episodic_return'][:7])
