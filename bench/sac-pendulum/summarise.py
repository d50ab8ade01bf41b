import csv, json, statistics, sys, os
root = sys.argv[1]
finals, evals, walls = [], [], []
for s in (1, 2, 3):
    d = f"{root}/seed{s}"
    rows = list(csv.DictReader(open(f"{d}/metrics.csv")))
    ev = json.load(open(f"{d}/eval-latest.json")) if os.path.exists(f"{d}/eval-latest.json") else None
    last = rows[-1]
    curve = [(int(r["global_step"]), float(r["eval_return"])) for r in rows if r["eval_return"]]
    first200 = next((st for st, v in curve if v >= -200), None)
    print(f"| {s} | {last['global_step']} | {float(last['eval_return']):.1f} +- {float(last['eval_std']):.1f} | "
          f"{ev['mean_return']:.1f} +- {ev['std_return']:.1f} | {first200} | {float(last['time_s']):.0f} | "
          f"{float(last['learning_s']):.0f} | " + ", ".join(f"{st//1000}k: {v:.0f}" for st, v in curve) + " |")
    finals.append(float(last["eval_return"])); evals.append(ev["mean_return"]); walls.append(float(last["time_s"]))
print(f"mean +- std over seeds of the final eval: {statistics.mean(finals):.1f} +- {statistics.stdev(finals):.1f}")
print(f"mean +- std over seeds of gorl eval (latest, seed 12345): {statistics.mean(evals):.1f} +- {statistics.stdev(evals):.1f}")
print(f"wall-clock per run: {statistics.mean(walls):.0f} s mean (min {min(walls):.0f}, max {max(walls):.0f})")
