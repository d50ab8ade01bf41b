"""Final deterministic (the bench's results.csv) against stochastic (stochastic-evals.csv, from
bench/claim-stochastic-evals.sh) returns of a claim spec's runs: per seed, and paired differences with
the bench's percentile bootstrap over the seeds (linear quantiles; every resample up to five seeds,
10,000 drawn resamples above, from Python's generator, so the ends differ slightly from the bench's).
Usage, from the repository root: python3 bench/claim-stochastic-table.py RESULTS_DIR A:B [A:B ...]
e.g. python3 bench/claim-stochastic-table.py bench/results/claim-four-tasks G:P"""
import csv
import itertools
import random
import sys


def read(path, column):
    return {(r["task"], r["method"], int(r["seed"])): float(r[column]) for r in csv.DictReader(open(path))}


def quantile(sorted_values, p):
    h = (len(sorted_values) - 1) * p
    lo = int(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (h - lo)


def paired(d):
    n = len(d)
    if n**n <= 10_000:  # every resample, as the bench
        means = sorted(sum(d[i] for i in idx) / n for idx in itertools.product(range(n), repeat=n))
    else:  # 10,000 drawn resamples, as the bench, from another generator: ends within ~1 % of its
        draw = random.Random(20_251_203)
        means = sorted(sum(draw.choice(d) for _ in range(n)) / n for _ in range(10_000))
    return "%+.1f [%+.1f, %+.1f]" % (sum(d) / n, quantile(means, 0.025), quantile(means, 0.975))


results = sys.argv[1].rstrip("/") + "/"
pairs = [p.split(":") for p in sys.argv[2:]]
det = read(results + "results.csv", "final_eval_return")
sto = read(results + "stochastic-evals.csv", "mean_return")
tasks = list(dict.fromkeys(k[0] for k in sto))
arms = [a for a in dict.fromkeys(k[1] for k in det) if any(k[1] == a for k in sto)]  # the spec's order
seeds = sorted({k[2] for k in sto})
print("| task | seed | " + " | ".join("`%s` deterministic | `%s` stochastic" % (a, a) for a in arms) + " |")
print("|---|---:|" + "---:|---:|" * len(arms))
for t in tasks:
    for s in seeds:
        print("| %s | %d | " % (t, s) + " | ".join("%.1f | %.1f" % (det[(t, a, s)], sto[(t, a, s)]) for a in arms) + " |")
print()
head = ["`%s` − `%s` deterministic | `%s` − `%s` stochastic" % (a, b, a, b) for a, b in pairs]
head += ["`%s` stochastic − deterministic" % a for a in arms]
print("| task | " + " | ".join(head) + " |")
print("|---|" + "---|" * (2 * len(pairs) + len(arms)))
for t in tasks:
    cells = []
    for a, b in pairs:
        cells.append(paired([det[(t, a, s)] - det[(t, b, s)] for s in seeds]))
        cells.append(paired([sto[(t, a, s)] - sto[(t, b, s)] for s in seeds]))
    cells += [paired([sto[(t, a, s)] - det[(t, a, s)] for s in seeds]) for a in arms]
    print("| %s | " % t + " | ".join(cells) + " |")
