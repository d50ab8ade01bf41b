"""Prints a (GoRL-)SAC run's time split, its evaluations by step (phase in brackets when not rl) and the
first RL row of each stage.

Usage: python3 bench/gorl-sac/summarise.py RUN_DIR...
"""
import csv,json,os,sys
for d in sys.argv[1:]:
    rows=list(csv.DictReader(open(d+'/metrics.csv')))
    ev=[(r['global_step'],r.get('phase','rl'),r.get('stage','0'),float(r['eval_return'])) for r in rows if r['eval_return']]
    last=rows[-1]
    rss=json.load(open(d+'/bench.json')).get('peak_rss_mb') if os.path.exists(d+'/bench.json') else None
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
