"""Final deterministic (the bench's) against stochastic (bench/claim-stochastic-evals.sh) returns of the
claim-four-tasks runs: per seed, and paired differences with the bench's exact percentile bootstrap over
the three seeds (all 27 resamples, linear quantiles). Run from the repository root."""
import csv
import itertools

RESULTS = "bench/results/claim-four-tasks/"
TASKS = ["dmc/walker-walk", "dmc/finger-spin", "dmc/finger-turn-hard", "dmc/fish-swim"]


def read(path, column):
    return {(r["task"], r["method"], int(r["seed"])): float(r[column]) for r in csv.DictReader(open(path))}


def quantile(sorted_values, p):
    h = (len(sorted_values) - 1) * p
    lo = int(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (h - lo)


def paired(d):
    n = len(d)
    means = sorted(sum(d[i] for i in idx) / n for idx in itertools.product(range(n), repeat=n))
    return "%+.1f [%+.1f, %+.1f]" % (sum(d) / n, quantile(means, 0.025), quantile(means, 0.975))


det = read(RESULTS + "results.csv", "final_eval_return")
sto = read(RESULTS + "stochastic-evals.csv", "mean_return")
print("| task | seed | `P` deterministic | `P` stochastic | `G` deterministic | `G` stochastic |")
print("|---|---:|---:|---:|---:|---:|")
for t in TASKS:
    for s in (1, 2, 3):
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f |" % (t, s, det[(t, "P", s)], sto[(t, "P", s)], det[(t, "G", s)], sto[(t, "G", s)]))
print()
print("| task | `G` − `P` deterministic | `G` − `P` stochastic | `P` stochastic − deterministic | `G` stochastic − deterministic |")
print("|---|---|---|---|---|")
for t in TASKS:
    diff = lambda a, b, m, n: [a[(t, m, s)] - b[(t, n, s)] for s in (1, 2, 3)]
    print("| %s | %s | %s | %s | %s |" % (
        t, paired(diff(det, det, "G", "P")), paired(diff(sto, sto, "G", "P")),
        paired(diff(sto, det, "P", "P")), paired(diff(sto, det, "G", "G"))))
