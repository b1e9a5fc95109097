"""Reference values for SvdppEpochsTest and FoldInImplicitTest, computed in exact rational arithmetic
straight from SVD++ as Koren (2008, eq. 15) writes it, independently of the Java code.

Run: python3 recsys-core/src/test/python/svdpp_reference.py
"""
from fractions import Fraction as F
from math import sqrt

# One user, three items, k = 2; N(u) = {1, 2}; the user rated item 0 (4) then item 1 (3).
mu, bu = F(3), F(1, 10)
bi = [F(2, 10), F(-1, 10), F(0)]
p = [F(1, 2), F(-1, 2)]
q = [[F(1), F(0)], [F(0), F(1)], [F(1, 2), F(1, 2)]]
y = [[F(0), F(0)], [F(2, 10), F(4, 10)], [F(6, 10), F(-2, 10)]]
N = [1, 2]
ratings = [(0, F(4)), (1, F(3))]
eta, lam, lam_b, lam_y = F(1, 10), F(1, 2), F(2, 10), F(1)
norm = 1 / sqrt(len(N))  # irrational: the rest in floats from here

s = [float(sum(y[j][f] for j in N)) * norm for f in range(2)]
print("implicit sum s =", s)
bu, p = float(bu), [float(v) for v in p]
bi = [float(v) for v in bi]
q = [[float(v) for v in row] for row in q]
y = [[float(v) for v in row] for row in y]
eta, lam, lam_b, lam_y, mu = float(eta), float(lam), float(lam_b), float(lam_y), float(mu)
g = [0.0, 0.0]
squared = 0.0
for i, r in ratings:
    z = [p[f] + s[f] for f in range(2)]
    pred = mu + bu + bi[i] + sum(q[i][f] * z[f] for f in range(2))
    e = float(r) - pred
    squared += e * e
    print(f"rating of item {i}: prediction {pred!r}, error {e!r}")
    bu, bi[i] = bu + eta * (e - lam_b * bu), bi[i] + eta * (e - lam_b * bi[i])
    old_p, old_q = p[:], q[i][:]
    p = [old_p[f] + eta * (e * old_q[f] - lam * old_p[f]) for f in range(2)]
    q[i] = [old_q[f] + eta * (e * (old_p[f] + s[f]) - lam * old_q[f]) for f in range(2)]
    g = [g[f] + e * old_q[f] for f in range(2)]
for j in N:
    y[j] = [y[j][f] + eta * (norm * g[f] - lam_y * y[j][f]) for f in range(2)]
print("squared error", repr(squared))
print("b_u", repr(bu), "b_i", [repr(v) for v in bi])
print("p", [repr(v) for v in p])
print("q", [[repr(v) for v in row] for row in q])
print("y", [[repr(v) for v in row] for row in y])
# the effective vector after the step, and the prediction for item 2 with it
s2 = [(y[1][f] + y[2][f]) * norm for f in range(2)]
z2 = [p[f] + s2[f] for f in range(2)]
print("effective vector", [repr(v) for v in z2])
print("prediction for item 2", repr(mu + bu + bi[2] + sum(q[2][f] * z2[f] for f in range(2))))

# Fold-in with watches only: N = {1, 2} (item 2 given twice), no rating: (0, |N|^-1/2 (y1 + y2)) of the
# ORIGINAL y above.
y0 = [[0, 0], [0.2, 0.4], [0.6, -0.2]]
print("fold-in, watches only:", [(y0[1][f] + y0[2][f]) / sqrt(2) for f in range(2)])
