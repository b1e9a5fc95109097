"""Reference values for org.movierec.router.report.ReportCalculatorTest (ab-router): the report's figures for a
small two-arm experiment, computed from RAW ROWS (one row per answer, per rating) with numpy, statsmodels and
scipy, independently of the Java code (which only sees per-user sums, as the database hands them over).

Run with the system interpreter (numpy, SciPy 1.10.1, statsmodels 0.13.5):
    /usr/bin/python3 report_reference.py
The statistics classes themselves are checked in experiment_analysis_reference.py; this script checks how the
report puts them together: which arm is the baseline, what is CUPED-adjusted, the RMSE scale, the power figures
and the arm intervals.
"""
import math

import numpy as np
import statsmodels.api as sm
from scipy.stats import norm

Z = norm.ppf(0.975)
ALPHA, POWER, EFFECT_WT, EFFECT_RMSE = 0.05, 0.8, 0.01, 0.02

# answers per user (1 = watched), and each user's pre-period watch-through (None: no history)
CONTROL_WATCH = [[1, 0, 0], [0], [1, 1], [0, 0, 0, 1], [1], [0, 0], [1, 0], [0, 1, 1]]
CONTROL_PRE = [0.5, None, 0.8, 0.2, 0.6, 0.1, None, 0.7]
TREATMENT_WATCH = [[1, 1, 0], [1], [0, 1], [1, 0, 1, 1], [0], [1, 1], [1, 0, 0], [1], [0, 1]]
TREATMENT_PRE = [0.4, 0.9, None, 0.3, 0.2, 0.8, 0.5, None, 0.6]
# squared online errors per user (rated predictions of the version that served the user)
CONTROL_SQUARED = [[0.25, 1.0], [0.04], [2.25, 0.64, 0.09], [1.44], [0.16, 0.81], [0.36]]
TREATMENT_SQUARED = [[1.21, 0.49], [2.89, 0.01], [1.69], [0.36, 4.0, 0.64], [1.0], [0.25, 1.96], [0.09]]


def show(label, value):
    print(f"{label:48s} {value:.17g}")


def cluster(users):
    """Mean of the rows and its user-clustered variance (statsmodels OLS on a constant, cov_type cluster)."""
    values = np.array([v for u in users for v in u], dtype=float)
    ids = np.array([i for i, u in enumerate(users) for _ in u])
    fit = sm.OLS(values, np.ones(len(values))).fit(cov_type="cluster", cov_kwds={"groups": ids})
    return fit.params[0], fit.bse[0] ** 2, values


pre_known = [x for x in CONTROL_PRE + TREATMENT_PRE if x is not None]
pooled_pre = sum(pre_known) / len(pre_known)


def covariate(pre):
    return np.array([pooled_pre if x is None else x for x in pre])


# --- arms: watch-through and RMSE with user-level intervals
wt = {}
for name, users, pre in [("control", CONTROL_WATCH, CONTROL_PRE), ("treatment", TREATMENT_WATCH, TREATMENT_PRE)]:
    r, v, rows = cluster(users)
    wt[name] = dict(r=r, v=v, k=len(users), rows=rows, y=np.array([sum(u) for u in users], float),
                    n=np.array([len(u) for u in users], float), x=covariate(pre))
    show(f"{name} watch-through", r)
    show(f"{name} watch-through lower", max(0, r - Z * math.sqrt(v)))
    show(f"{name} watch-through upper", min(1, r + Z * math.sqrt(v)))
mse = {}
for name, users in [("control", CONTROL_SQUARED), ("treatment", TREATMENT_SQUARED)]:
    m, v, rows = cluster(users)
    mse[name] = dict(m=m, v=v, k=len(users), rows=rows)
    show(f"{name} rmse", math.sqrt(m))
    show(f"{name} rmse lower", math.sqrt(max(0, m - Z * math.sqrt(v))))
    show(f"{name} rmse upper", math.sqrt(m + Z * math.sqrt(v)))

# --- watch-through effect, CUPED: OLS of the linearised values on X pooled over both arms (numpy lstsq)
L, X = [], []
for a in wt.values():
    lin = (a["y"] - a["r"] * a["n"]) / a["n"].mean()
    L.append(lin)
    X.append(a["x"])
Lall, Xall = np.concatenate(L), np.concatenate(X)
design = np.column_stack([np.ones(len(Xall)), Xall])
theta = np.linalg.lstsq(design, Lall, rcond=None)[0][1]
show("cuped theta", theta)
adj = {}
for (name, a), lin in zip(wt.items(), L):
    resid = lin - theta * a["x"]
    adj[name] = (a["r"] - theta * (a["x"].mean() - Xall.mean()), resid.var(ddof=1) / a["k"])
rt, vt = adj["treatment"]
rc, vc = adj["control"]
d = rt - rc
sd = math.sqrt(vt + vc)
show("wt difference (cuped)", d)
show("wt difference lower", d - Z * sd)
show("wt difference upper", d + Z * sd)
show("wt p-value", 2 * norm.sf(abs(d) / sd))
show("wt variance reduction", 1 - (vt + vc) / (wt["treatment"]["v"] + wt["control"]["v"]))
lift = rt / rc - 1
lift_se = math.sqrt(vt / rc ** 2 + rt ** 2 * vc / rc ** 4)
show("wt relative", lift)
show("wt relative lower", lift - Z * lift_se)
show("wt relative upper", lift + Z * lift_se)
naive = sum(a["r"] * (1 - a["r"]) / len(a["rows"]) for a in wt.values())
show("wt design effect", (wt["treatment"]["v"] + wt["control"]["v"]) / naive)
zsum = norm.ppf(1 - ALPHA / 2) + norm.ppf(POWER)
ut, uc = wt["treatment"]["k"] * vt, wt["control"]["k"] * vc
show("wt mde", zsum * math.sqrt(ut / wt["treatment"]["k"] + uc / wt["control"]["k"]))
show("wt required users per arm", math.ceil(zsum ** 2 * (ut + uc) / EFFECT_WT ** 2))

# --- RMSE effect: difference of roots, delta-method variance v/(4 m) per arm; test on the MSE difference
mt, vmt, mc, vmc = mse["treatment"]["m"], mse["treatment"]["v"], mse["control"]["m"], mse["control"]["v"]
d = math.sqrt(mt) - math.sqrt(mc)
sd = math.sqrt(vmt / (4 * mt) + vmc / (4 * mc))
show("rmse difference", d)
show("rmse difference lower", d - Z * sd)
show("rmse difference upper", d + Z * sd)
show("rmse p-value (MSE difference)", 2 * norm.sf(abs(mt - mc) / math.sqrt(vmt + vmc)))
f = math.sqrt(mt / mc) - 1
grad_t, grad_c = 1 / (2 * math.sqrt(mt * mc)), -math.sqrt(mt) / (2 * mc ** 1.5)
se = math.sqrt(grad_t ** 2 * vmt + grad_c ** 2 * vmc)
show("rmse relative", f)
show("rmse relative lower", f - Z * se)
show("rmse relative upper", f + Z * se)
naive = sum(a["rows"].var(ddof=1) / len(a["rows"]) for a in mse.values())
show("rmse design effect (MSE)", (vmt + vmc) / naive)
ut, uc = mse["treatment"]["k"] * vmt / (4 * mt), mse["control"]["k"] * vmc / (4 * mc)
show("rmse required users per arm", math.ceil(zsum ** 2 * (ut + uc) / EFFECT_RMSE ** 2))
