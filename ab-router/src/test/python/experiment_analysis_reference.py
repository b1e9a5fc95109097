"""Reference values for the issue-15 statistics of org.movierec.router.stats (ab-router):
UserTotals (ratio metric with user-clustered variance), RelativeEffect (delta-method lift),
Cuped (variance reduction), PowerAnalysis (MDE, sample size) and PairedComparison (both models
scored on the same ratings).

Run with the system interpreter, which has numpy 1.24, SciPy 1.10.1, statsmodels 0.13.5 and sympy:
    /usr/bin/python3 experiment_analysis_reference.py
It prints every value the Java tests quote (17 significant digits; the tests use 15-16 of them) and
asserts that the two independent routes to each value agree.

Independence from the Java code, which only ever sees per-user SUMS:
- Everything starts from RAW ROWS (one row per answer or per rating, users with several rows).
- Cluster-robust variances come from statsmodels: OLS of the rows on a constant (one indicator per
  model for the paired comparison) with cov_type='cluster', groups = user. Its small-sample factor is
  G/(G-1) * (n-1)/(n-k) (statsmodels.stats.sandwich_covariance.cov_cluster, use_correction=True;
  G users, n rows, k regressors). The Java convention is the delta method with sample (co)variances
  over users, i.e. factor G/(G-1) alone. With k = 1 the two are identical; with k = 2 (the stacked
  paired regression) the statsmodels covariance is divided by (n-1)/(n-2) and the script says so.
- The same variances are computed a second way with plain numpy on the per-user totals built from the
  rows (np.cov, ddof=1), following the linearisation L_i = (Y_i - r N_i) / mean(N).
- Delta-method gradients are taken symbolically by sympy from the function itself (not hand-derived).
- Quantiles and tail probabilities: scipy.stats.norm; sample sizes and power: also
  statsmodels.stats.power.NormalIndPower.
"""
import math

import numpy as np
import statsmodels.api as sm
import sympy as sp
from scipy.stats import norm
from statsmodels.stats.power import NormalIndPower

CONFIDENCE = 0.95
Z = norm.ppf(0.5 + CONFIDENCE / 2)


def show(label, value):
    print(f"{label:58s} {value!r:>26}" if isinstance(value, int) else f"{label:58s} {value:.17g}")


def section(title):
    print()
    print("==", title)


def close(a, b, tol=1e-12):
    assert abs(a - b) <= tol * max(abs(a), abs(b)), (a, b)


def rows_of(users):
    """(values, user ids) of the raw rows of a list of per-user row lists."""
    values = np.array([v for rows in users for v in rows], dtype=float)
    ids = np.array([i for i, rows in enumerate(users) for _ in rows])
    return values, ids


def cluster_variance_of_mean(values, ids):
    """statsmodels: OLS of the rows on a constant, user-clustered; variance of the mean."""
    fit = sm.OLS(values, np.ones(len(values))).fit(cov_type="cluster", cov_kwds={"groups": ids})
    return fit.params[0], fit.bse[0] ** 2


def naive_variance_of_mean(values):
    """statsmodels: the same OLS with the rows treated as independent (s^2 / n)."""
    fit = sm.OLS(values, np.ones(len(values))).fit()
    return fit.bse[0] ** 2


def linearised(y, n):
    """Per-user L_i = (Y_i - r N_i) / mean(N) with r = sum Y / sum N."""
    r = y.sum() / n.sum()
    return (y - r * n) / n.mean()


def delta_variance_from_totals(y, n):
    """numpy on per-user totals: [s_YY - 2 r s_YN + r^2 s_NN] / (K mean(N)^2), sample covariances."""
    k = len(y)
    r = y.sum() / n.sum()
    c = np.cov(np.vstack([y, n]), ddof=1)
    return (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / (k * n.mean() ** 2)


MT, MC = sp.symbols("m_t m_c", positive=True)
LIFT = MT / MC - 1
ROOT_LIFT = sp.sqrt(MT / MC) - 1


def delta(expression, m_t, m_c, covariance):
    """Delta method with the gradient of `expression` taken by sympy: (f, se, lower, upper)."""
    at = {MT: m_t, MC: m_c}
    gradient = np.array([float(sp.diff(expression, s).evalf(30, subs=at)) for s in (MT, MC)])
    value = float(expression.evalf(30, subs=at))
    se = math.sqrt(gradient @ np.asarray(covariance) @ gradient)
    return value, se, value - Z * se, value + Z * se


def show_effect(label, effect):
    for name, v in zip(["estimate", "standard error", "lower", "upper"], effect):
        show(f"{label} {name}", v)


# ---------------------------------------------------------------------------------------------
# Watch-through, answers as rows (1 = watched), users with several answers; pre-period watch-through
# per user as the CUPED covariate, None when the user has no pre-period history.
TREATMENT = [[1, 1, 0, 1], [0], [1, 1, 1, 1, 1, 0], [0, 1], [1, 0, 0], [1, 1, 1], [0, 0, 0, 1, 0], [1],
             [1, 0, 1, 1], [0, 1, 1, 0, 1, 1, 1]]
TREATMENT_PRE = [0.75, 0.2, 0.9, None, 0.4, 0.8, 0.1, None, 0.6, 0.55]
CONTROL = [[1, 0, 0, 1], [0, 0], [1, 1, 0, 1, 1], [0], [1, 1, 1, 0], [0, 1, 0], [1, 0, 1, 1, 1, 1], [0, 0, 0],
           [1, 1]]
CONTROL_PRE = [0.5, 0.15, 0.7, None, 0.85, 0.3, 0.65, 0.05, None]

arms = {}
section("UserTotals: watch-through ratio, delta-method (user-clustered) variance")
for name, users in [("treatment", TREATMENT), ("control", CONTROL)]:
    values, ids = rows_of(users)
    y = np.array([sum(u) for u in users], dtype=float)
    n = np.array([len(u) for u in users], dtype=float)
    mean, cluster_var = cluster_variance_of_mean(values, ids)
    delta_var = delta_variance_from_totals(y, n)
    close(cluster_var, delta_var)  # factor G/(G-1) in both: statsmodels' (n-1)/(n-k) is 1 with k = 1
    close(mean, y.sum() / n.sum())
    naive = naive_variance_of_mean(values)
    close(naive, values.var(ddof=1) / len(values))
    arms[name] = dict(y=y, n=n, ratio=mean, var=cluster_var)
    show(f"{name} users", len(users))
    show(f"{name} rows (sum N)", len(values))
    show(f"{name} ratio", mean)
    show(f"{name} ratioVariance (statsmodels cluster = numpy delta)", cluster_var)
    show(f"{name} naive variance of the mean s^2/n (statsmodels nonrobust)", naive)
    show(f"{name} design effect cluster / naive", cluster_var / naive)
    show(f"{name} unit variance K * ratioVariance", len(users) * cluster_var)

section("UserTotals properties, checked here too")
y, n = arms["control"]["y"], arms["control"]["n"]
k = len(y)
twice = np.concatenate([y, y]), np.concatenate([n, n])
close(delta_variance_from_totals(*twice) / delta_variance_from_totals(y, n), (k - 1) / (2 * k - 1))
close(delta_variance_from_totals(2 * y, 2 * n), delta_variance_from_totals(y, n))
print("every user twice: variance ratio (K-1)/(2K-1); every user's Y and N doubled: variance unchanged")

section("ConfidenceInterval.ofNormal: estimate -+ z_{(1+c)/2} se")
for estimate, se, level in [(0.2, 0.05, 0.95), (-3.0, 1.5, 0.99)]:
    q = norm.ppf(0.5 + level / 2)
    show(f"ofNormal({estimate}, {se}, {level}) lower", estimate - q * se)
    show(f"ofNormal({estimate}, {se}, {level}) upper", estimate + q * se)

section("RelativeEffect.ofMeans / ofRootMeans (sympy gradient), literal inputs")
show_effect("ofMeans(0.52, 4e-4, 0.5, 3e-4)", delta(LIFT, 0.52, 0.5, np.diag([4e-4, 3e-4])))
show_effect("ofRootMeans(0.81, 0.0025, 0.9, 0.0036)", delta(ROOT_LIFT, 0.81, 0.9, np.diag([0.0025, 0.0036])))
show_effect("ofCorrelatedRootMeans(0.81, 0.0025, 0.9, 0.0036, cov 0.0024)",
            delta(ROOT_LIFT, 0.81, 0.9, [[0.0025, 0.0024], [0.0024, 0.0036]]))
show_effect("ofMeans(-0.4, 0.01, -0.5, 0.01), negative control mean",
            delta(LIFT, -0.4, -0.5, np.diag([0.01, 0.01])))
equal = delta(LIFT, 0.6, 0.6, np.diag([0.001, 0.001]))
equal_root = delta(ROOT_LIFT, 0.6, 0.6, np.diag([0.001, 0.001]))
close(equal_root[1], equal[1] / 2)
print("equal means: lift 0, and the root lift's standard error is exactly half the lift's")

section("RelativeEffect.ofMeans: watch-through lift, treatment vs control, from the cluster variances")
t, c = arms["treatment"], arms["control"]
show_effect("watch-through lift", delta(LIFT, t["ratio"], c["ratio"], np.diag([t["var"], c["var"]])))

section("Cuped: pre-period watch-through, missing values imputed with the pooled observed mean")
observed = [x for x in TREATMENT_PRE + CONTROL_PRE if x is not None]
fill = sum(observed) / len(observed)
show("imputed pre-period value (pooled mean of observed)", fill)
for name, pre in [("treatment", TREATMENT_PRE), ("control", CONTROL_PRE)]:
    arms[name]["x"] = np.array([fill if v is None else v for v in pre])
    arms[name]["l"] = linearised(arms[name]["y"], arms[name]["n"])
    close(arms[name]["l"].var(ddof=1) / len(pre), arms[name]["var"])
pooled_l = np.concatenate([arms["treatment"]["l"], arms["control"]["l"]])
pooled_x = np.concatenate([arms["treatment"]["x"], arms["control"]["x"]])
design = np.column_stack([np.ones(len(pooled_x)), pooled_x])
theta = np.linalg.lstsq(design, pooled_l, rcond=None)[0][1]
close(theta, sm.OLS(pooled_l, design).fit().params[1])
x_pooled = pooled_x.mean()
show("theta (OLS of L on X, both arms pooled)", theta)
for name in ["treatment", "control"]:
    a = arms[name]
    residual = a["l"] - theta * a["x"]
    a["adj_ratio"] = a["ratio"] - theta * (a["x"].mean() - x_pooled)
    a["adj_var"] = residual.var(ddof=1) / len(residual)
    show(f"{name} adjusted ratio r - theta (mean X_arm - mean X_pooled)", a["adj_ratio"])
    show(f"{name} adjusted variance Var(L - theta X) / K", a["adj_var"])
    show(f"{name} variance reduction 1 - adjusted / unadjusted", 1 - a["adj_var"] / a["var"])
t, c = arms["treatment"], arms["control"]
show_effect("CUPED watch-through lift", delta(LIFT, t["adj_ratio"], c["adj_ratio"],
                                              np.diag([t["adj_var"], c["adj_var"]])))

section("PowerAnalysis: two-sided z, alpha 0.05, power 0.8")
z_sum = norm.ppf(1 - 0.05 / 2) + norm.ppf(0.8)
show("z_{0.975} + z_{0.8}", z_sum)
mde = z_sum * math.sqrt(1.3 / 500 + 1.3 / 300)
show("MDE(sigma^2 1.3 / 500, 1.3 / 300)", mde)
# NormalIndPower counts both tails: at the MDE its power is 0.8 + Phi(-2 z_{0.975} - z_{0.8}).
sm_power = NormalIndPower().power(effect_size=mde / math.sqrt(1.3), nobs1=500, alpha=0.05, ratio=300 / 500)
close(sm_power, 0.8 + norm.cdf(-2 * norm.ppf(0.975) - norm.ppf(0.8)))
show("  NormalIndPower power at that MDE (0.8 + far tail)", sm_power)
mde_unequal = z_sum * math.sqrt(2.25 / 1200 + 2.56 / 800)
show("MDE(sigma^2 2.25 / 1200, 2.56 / 800)", mde_unequal)
for name in ["treatment", "control"]:
    arms[name]["unit"] = len(arms[name]["y"]) * arms[name]["var"]
t, c = arms["treatment"], arms["control"]
show("MDE of the watch-through arms at their sizes",
     z_sum * math.sqrt(t["unit"] / len(t["y"]) + c["unit"] / len(c["y"])))
for var_t, var_c, effect in [(2.4, 2.4, 0.05), (2.25, 2.56, 0.05), (0.24, 0.25, 0.02)]:
    exact = z_sum ** 2 * (var_t + var_c) / effect ** 2
    label = f"sampleSizePerArm({var_t}, {var_c}, {effect})"
    show(f"{label} closed form", exact)
    show(f"{label} = ceil", math.ceil(exact))
    if var_t == var_c:
        sm_n = NormalIndPower().solve_power(effect_size=effect / math.sqrt(var_t), alpha=0.05, power=0.8, ratio=1)
        assert math.ceil(sm_n) == math.ceil(exact), (sm_n, exact)
        show("  NormalIndPower.solve_power (both tails, a hair smaller)", sm_n)

section("PairedComparison: both models' errors on the same ratings (rating rows, per user)")
ERRORS_T = [[0.5, -1.2, 0.3], [1.1], [-0.4, 0.6, -0.8, 0.2, 1.5], [2.1, -0.3], [0.0, 0.7, -0.6, 0.4],
            [-1.7, 0.9, 0.2], [0.8, -0.1], [-0.9, 1.3, 0.5, -0.2, 0.1, 0.7]]
ERRORS_C = [[0.9, -1.5, 0.2], [1.4], [-0.7, 0.9, -1.0, 0.1, 1.9], [2.0, -0.8], [0.3, 1.2, -0.5, 0.9],
            [-2.2, 1.3, 0.6], [0.6, -0.4], [-1.1, 1.6, 0.4, -0.6, 0.5, 1.0]]
sq_t, ids = rows_of([[e * e for e in u] for u in ERRORS_T])
sq_c, _ = rows_of([[e * e for e in u] for u in ERRORS_C])
users = len(ERRORS_T)
ratings = len(sq_t)
show("users", users)
show("ratings", ratings)
mse_t, mse_c = sq_t.mean(), sq_c.mean()
show("mseT", mse_t)
show("mseC", mse_c)
show("rmseT", math.sqrt(mse_t))
show("rmseC", math.sqrt(mse_c))
d_mean, d_var = cluster_variance_of_mean(sq_t - sq_c, ids)
a = np.array([sum(e * e for e in u) for u in ERRORS_T])
b = np.array([sum(e * e for e in u) for u in ERRORS_C])
m = np.array([len(u) for u in ERRORS_T], dtype=float)
close(d_var, delta_variance_from_totals(a - b, m))
se = math.sqrt(d_var)
z = d_mean / se
show("meanDifference (statsmodels OLS of d on a constant)", d_mean)
show("standardError (cluster-robust, factor G/(G-1))", se)
show("lower", d_mean - Z * se)
show("upper", d_mean + Z * se)
show("z", z)
show("p two-sided normal", 2 * norm.sf(abs(z)))
# Joint covariance of (mseT, mseC): stacked rows, one indicator per model, clustered by user;
# statsmodels' factor (n-1)/(n-k) with n = 2 ratings rows and k = 2 is divided out.
stacked = np.concatenate([sq_t, sq_c])
indicators = np.vstack([np.column_stack([np.ones(ratings), np.zeros(ratings)]),
                        np.column_stack([np.zeros(ratings), np.ones(ratings)])])
fit = sm.OLS(stacked, indicators).fit(cov_type="cluster", cov_kwds={"groups": np.concatenate([ids, ids])})
rows = 2 * ratings
joint = fit.cov_params() * (rows - 2) / (rows - 1)
show("Var(mseT) cluster", joint[0, 0])
show("Var(mseC) cluster", joint[1, 1])
show("Cov(mseT, mseC) cluster", joint[0, 1])
relative = delta(ROOT_LIFT, fit.params[0], fit.params[1], joint)
# second route: ratio R = sum A / sum B of per-user totals, Var(R) by linearisation, Var(sqrt R - 1) = Var(R)/(4R)
ratio = a.sum() / b.sum()
close(relative[1], math.sqrt(delta_variance_from_totals(a, b) / (4 * ratio)))
close(relative[0], math.sqrt(ratio) - 1)
show_effect("relative RMSE change sqrt(sum A / sum B) - 1", relative)
unpaired = delta(ROOT_LIFT, mse_t, mse_c, np.diag([joint[0, 0], joint[1, 1]]))
show("unpaired (independent arms) standard error, for comparison", unpaired[1])

print()
print("all cross-checks passed (statsmodels = numpy delta method; sympy gradient = ratio-of-sums route)")
