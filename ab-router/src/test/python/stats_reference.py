"""Reference values for org.movierec.router.stats and org.movierec.router.assignment tests (ab-router).

Independent of the Java code: arbitrary-precision mpmath (1.3.0) at 40 significant digits, exact
rational arithmetic (fractions) for sample moments, closed forms where they exist, and a separate
Python implementation of MurmurHash3 x86_32 checked against published vectors. Run:
    python3 stats_reference.py
The tests quote the numbers printed here (rounded to 16-17 significant digits).
"""
from fractions import Fraction as Fr

import mpmath as mp

mp.mp.dps = 40


def mpf(x):
    """An mpmath number from an int, str or exact Fraction."""
    if isinstance(x, Fr):
        return mp.mpf(x.numerator) / x.denominator
    return mp.mpf(x)


def show(label, value):
    print(f"{label:55s} {mp.nstr(value, 17)}")


def t_lower_tail(t, df):
    """P(T <= t) for t <= 0: 1/2 I_x(df/2, 1/2), x = df/(df+t^2), via the Gauss hypergeometric
    series I_x(a,b) = x^a (1-x)^b / (a B(a,b)) 2F1(a+b, 1; a+1; x) (A&S 26.5.23), or its complement
    for x close to 1."""
    t, df = mp.mpf(t), mp.mpf(df)
    a, b = df / 2, mp.mpf(1) / 2
    x, y = df / (df + t * t), t * t / (df + t * t)
    if x < mp.mpf("0.9"):
        return x**a * y**b / (a * mp.beta(a, b)) * mp.hyp2f1(a + b, 1, a + 1, x, maxterms=10**6) / 2
    return (1 - y**b * x**a / (b * mp.beta(a, b)) * mp.hyp2f1(a + b, 1, b + 1, y, maxterms=10**6)) / 2


def t_lower_tail_by_quadrature(t, df):
    """The same by integrating the density numerically (a second, independent method)."""
    df = mp.mpf(df)
    c = mp.exp(mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)) / mp.sqrt(df * mp.pi)
    return mp.mpf(1) / 2 - mp.quad(lambda s: c * (1 + s * s / df) ** (-(df + 1) / 2), [t, 0])


def t_quantile(p, df):
    """Bisection in high precision on the lower tail (p < 1/2)."""
    lo, hi = mp.mpf(-1), mp.mpf(0)
    while t_lower_tail(lo, df) > p:
        lo *= 2
    for _ in range(140):
        mid = (lo + hi) / 2
        if t_lower_tail(mid, df) > p:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def normal_quantile(p):
    lo, hi = mp.mpf(-40), mp.mpf(40)
    lp = mp.log(p)
    for _ in range(200):
        mid = (lo + hi) / 2
        if mp.log(mp.ncdf(mid)) > lp:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def chisq_survival(x, df):
    return mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


def moments(values):
    values = [Fr(v) for v in values]
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return n, mean, var


def section(title):
    print()
    print("==", title)


section("normal cdf (mpmath ncdf)")
for z in ["0", "0.5", "-1", "1.96", "-1.96", "-3", "-5", "-8.3", "-10", "-20", "-37.5"]:
    show(f"Phi({z})", mp.ncdf(mp.mpf(z)))
show("1 - Phi(6) = Phi(-6)", mp.ncdf(-6))

section("normal quantile (bisection on mpmath ncdf)")
for p in ["0.975", "0.995", "0.8", "0.001", "1e-10", "1e-100", "1e-300"]:
    show(f"qnorm({p})", normal_quantile(mp.mpf(p)))
show("qnorm(1 - 2^-40)", -normal_quantile(mp.mpf(2) ** -40))

section("Student t cdf (hypergeometric series; quadrature cross-check)")
for t, df in [("2", "5"), ("-3", "3.5"), ("-2.5", "30"), ("-6", "10"), ("-4", "1000"), ("-1.96", "100000"),
              ("-1.5", "1"), ("1", "2"), ("-50", "100")]:
    v = t_lower_tail(-abs(mp.mpf(t)), df)
    v = v if mp.mpf(t) <= 0 else 1 - v
    show(f"pt({t}, {df})", v)
    if abs(mp.mpf(t)) < 10 and mp.mpf(df) < 1000:
        q = t_lower_tail_by_quadrature(-abs(mp.mpf(t)), df)
        q = q if mp.mpf(t) <= 0 else 1 - q
        show(f"  quadrature", q)
show("closed form Cauchy pt(-1.5, 1) = 1/2 + atan(-1.5)/pi", mp.mpf(1) / 2 + mp.atan(-1.5) / mp.pi)
show("closed form pt(1, 2) = 1/2 + t/(2 sqrt(2 + t^2))", mp.mpf(1) / 2 + 1 / (2 * mp.sqrt(3)))

section("Student t quantile (bisection)")
for p, df in [("0.975", "10"), ("0.975", "1"), ("0.995", "30"), ("0.025", "17.5"), ("0.975", "200000"),
              ("1e-10", "4"), ("0.9", "2.5")]:
    pp = mp.mpf(p)
    q = t_quantile(pp, df) if pp < 0.5 else -t_quantile(1 - pp, df)
    show(f"qt({p}, {df})", q)

section("chi-square survival (mpmath gammainc; closed forms for df 1, 2, 4)")
for x, df in [("3.841458820694124", 1), ("1", 1), ("16", 1), ("2.5", 2), ("5.991464547107979", 2),
              ("7.5", 3), ("30", 10), ("300", 30), ("1000", 3), ("0.01", 7)]:
    show(f"pchisq({x}, {df}, lower=FALSE)", chisq_survival(mp.mpf(x), df))
show("closed form df 1: 2(1 - Phi(sqrt 16)) = 2 Phi(-4)", 2 * mp.ncdf(-4))
show("closed form df 2: exp(-2.5/2)", mp.exp(mp.mpf("-1.25")))
show("pchisq(0.01, 7) lower tail", mp.gammainc(mp.mpf(7) / 2, 0, mp.mpf("0.005"), regularized=True))

section("t intervals of the mean squared error and the RMSE, candidate (7) and control (6)")
cand = ["0.25", "1.44", "0.09", "2.56", "0.64", "0.01", "1.21"]
ctrl = ["0.81", "3.24", "1.69", "0.49", "4.00", "2.25"]
n, m, var = moments(cand)
show("candidate mean (MSE)", mpf(m))
show("candidate variance", mpf(var))
q = -t_quantile(mp.mpf("0.025"), n - 1)
half = q * mp.sqrt(mpf(var) / n)
show("candidate MSE 95% lower", mpf(m) - half)
show("candidate MSE 95% upper", mpf(m) + half)
show("candidate RMSE 95% lower sqrt(max(0, lower))", mp.sqrt(max(0, mpf(m) - half)))
show("candidate RMSE 95% upper", mp.sqrt(mpf(m) + half))
n, m, var = moments(ctrl)
q = -t_quantile(mp.mpf("0.025"), n - 1)
half = q * mp.sqrt(mpf(var) / n)
show("control RMSE 95% lower", mp.sqrt(mpf(m) - half))
show("control RMSE 95% upper", mp.sqrt(mpf(m) + half))

section("Wilson score interval, 95%")
z = -normal_quantile(mp.mpf("0.025"))
for x, n in [(0, 20), (7, 50), (500, 1000), (999, 1000)]:
    p = mp.mpf(x) / n
    den = 1 + z * z / n
    c = (p + z * z / (2 * n)) / den
    h = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    show(f"wilson {x}/{n} lower", c - h)
    show(f"wilson {x}/{n} upper", c + h)
show("closed form 0/20 upper z^2/(n + z^2)", z * z / (20 + z * z))

section("sample ratio mismatch (exact X^2 with fractions)")


def srm(obs, w):
    total = sum(obs)
    wsum = sum(w)
    x2 = sum(Fr((o * wsum - total * wi) ** 2, wsum * total * wi) for o, wi in zip(obs, w))
    df = len(obs) - 1
    return x2, df, chisq_survival(mpf(x2), df)


for obs, w in [((5000, 5000), (50, 50)), ((5050, 4950), (50, 50)), ((5200, 4800), (50, 50)),
               ((20, 15, 25), (1, 1, 1)), ((89, 37, 30, 28, 2), (40, 20, 20, 15, 5)),
               ((8900, 1100), (90, 10)), ((33500, 33000, 33500), (34, 33, 33))]:
    x2, df, p = srm(obs, w)
    show(f"{obs} vs {w}: X2", mpf(x2))
    show(f"  df {df}, p", p)

section("mSPRT likelihood ratio (formula of Johari et al. 2017, evaluated in mpmath)")
for d, v, tau in [("0.1", "0.002", "0.1"), ("-0.03", "0.0004", "0.05"), ("0", "0.01", "0.1")]:
    d, v, tau = mp.mpf(d), mp.mpf(v), mp.mpf(tau)
    lam = mp.sqrt(v / (v + tau**2)) * mp.exp(tau**2 * d**2 / (2 * v * (v + tau**2)))
    show(f"Lambda(D={d}, V={v}, tau={tau})", lam)
    half = mp.sqrt(2 * v * (v + tau**2) / tau**2 * (mp.log(20) + mp.log((v + tau**2) / v) / 2))
    show("  always-valid 95% half-width", half)

section("MurmurHash3 x86_32 (independent Python implementation)")


def murmur3_32(data, seed=0):
    def rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & 0xFFFFFFFF

    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & 0xFFFFFFFF
    n = len(data) // 4
    for i in range(n):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = rotl((k * c1) & 0xFFFFFFFF, 15) * c2 & 0xFFFFFFFF
        h = (rotl(h ^ k, 13) * 5 + 0xE6546B64) & 0xFFFFFFFF
    tail = data[4 * n:]
    k = 0
    for j, byte in enumerate(tail):
        k |= byte << (8 * j)
    if tail:
        k = rotl((k * c1) & 0xFFFFFFFF, 15) * c2 & 0xFFFFFFFF
        h ^= k
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


# Published vectors (Ian Boyd's list on Stack Overflow, answer 31929528, as used in the mmh3 and
# Guava test suites; "The quick brown fox" from Wikipedia) and SMHasher's verification value.
assert murmur3_32(b"", 0) == 0
assert murmur3_32(b"", 1) == 0x514E28B7
assert murmur3_32(b"", 0xFFFFFFFF) == 0x81F16F39
assert murmur3_32(b"\0\0\0\0", 0) == 0x2362F9DE
assert murmur3_32(b"aaaa", 0x9747B28C) == 0x5A97808A
assert murmur3_32(b"abc", 0x9747B28C) == 0xC84A62DD
assert murmur3_32("ππππππππ".encode(), 0x9747B28C) == 0xD58063C1
assert murmur3_32(b"The quick brown fox jumps over the lazy dog", 0x9747B28C) == 0x2FA826CD
key = bytes(range(256))
hashes = b"".join(murmur3_32(key[:i], 256 - i).to_bytes(4, "little") for i in range(256))
assert murmur3_32(hashes, 0) == 0xB0F57EE3
print("python murmur3 passes the published vectors and SMHasher's 0xB0F57EE3")
for salt, user in [("exp-1", "42"), ("exp-1", "1"), ("canary-2025-10", "123456"), ("ü-salt", "7")]:
    h = murmur3_32(f"{salt}:{user}".encode("utf-8"), 0)
    print(f"bucket({salt!r}, {user!r}) = {h % 10000}   (hash {h:#010x})")
