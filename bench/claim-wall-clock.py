# Per-phase wall-clock of the claim campaign's runs (bench/throughput.md §12): python3 bench/claim-wall-clock.py RUNS/bench/claim/dmc-cheetah-run
import csv,os,sys
base=sys.argv[1] if len(sys.argv)>1 else '/work/frozen14/runs/bench/claim/dmc-cheetah-run'
def phases(p):
    rows=list(csv.DictReader(open(p)))
    prev=0; acc={}
    for r in rows:
        t=float(r['time_s']); ph=r.get('phase') or 'rl'; st=int(r['global_step'])
        key=ph if ph!='rl' else ('rl-pre' if st<=1638400 else 'rl-post')
        acc[key]=acc.get(key,0)+t-prev; prev=t
    return acc, float(rows[-1]['time_s']), rows[-1]
for seed in range(1,6):
    out=[]
    for arm in ('P','C','G','G-fast'):
        p=f'{base}/{arm}/seed-{seed}/metrics.csv'
        if not os.path.exists(p): continue
        acc,tot,last=phases(p)
        if int(last['global_step'])<5013504: out.append(f'{arm}: partial'); continue
        out.append(f"{arm}: {tot:.0f} s (" + ', '.join(f'{k} {v:.0f}' for k,v in acc.items()) + f"; inf {float(last['inference_s']):.0f})")
    print(seed, ' | '.join(out))
