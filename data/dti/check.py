#!/usr/bin/env python3
"""Check the published provincial DTI totals against the weights of
Quyết định 922/QĐ-BTTTT (20/5/2022), Phụ lục 1 (DTI cấp tỉnh, thang điểm 1000).

Reads 2021.csv, 2022.csv, 2023.csv next to this file; prints a report.
Pure standard library (no numpy needed).
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = ["nhan-thuc-so", "the-che-so", "ha-tang-so", "nhan-luc-so",
        "an-toan-thong-tin-mang", "hoat-dong-chinh-quyen-so",
        "hoat-dong-kinh-te-so", "hoat-dong-xa-hoi-so"]
PILLARS = ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"]
# QĐ 922, Bảng I.1: max points per main index (the 6th foundation index,
# "Đô thị thông minh", has 0 points: "Không tính điểm").
MAX_POINTS = {"nhan-thuc-so": 100, "the-che-so": 100, "ha-tang-so": 100,
              "nhan-luc-so": 100, "an-toan-thong-tin-mang": 100,
              "hoat-dong-chinh-quyen-so": 200, "hoat-dong-kinh-te-so": 150,
              "hoat-dong-xa-hoi-so": 150}
W922 = [MAX_POINTS[k] / 1000.0 for k in MAIN]


def load(year):
    with open(os.path.join(HERE, "%d.csv" % year), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fnum(s):
    return float(s) if s not in ("", None) else None


# ---------- tiny linear algebra (Gaussian elimination with partial pivoting)
def solve(M, v):
    n = len(M)
    A = [list(map(float, M[i])) + [float(v[i])] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(A[r][c]))
        if abs(A[p][c]) < 1e-14:
            raise ValueError("singular")
        A[c], A[p] = A[p], A[c]
        for r in range(n):
            if r != c:
                f = A[r][c] / A[c][c]
                for k in range(c, n + 1):
                    A[r][k] -= f * A[c][k]
    return [A[i][n] / A[i][i] for i in range(n)]


def matT(X):
    return [list(col) for col in zip(*X)]


def matmul(A, B):
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]


def rank(X, tol=1e-10):
    A = [list(r) for r in X]
    rk, rows, cols = 0, len(A), len(A[0])
    for c in range(cols):
        p = max(range(rk, rows), key=lambda r: abs(A[r][c]), default=None)
        if p is None or abs(A[p][c]) < tol:
            continue
        A[rk], A[p] = A[p], A[rk]
        for r in range(rows):
            if r != rk:
                f = A[r][c] / A[rk][c]
                A[r] = [a - f * b for a, b in zip(A[r], A[rk])]
        rk += 1
        if rk == rows:
            break
    return rk


def lstsq(X, y):
    """Least squares; if X has fewer rows than columns returns the minimum-norm
    exact solution X^T (X X^T)^-1 y."""
    n, p = len(X), len(X[0])
    if n >= p:
        XtX = matmul(matT(X), X)
        Xty = [sum(X[i][j] * y[i] for i in range(n)) for j in range(p)]
        return solve(XtX, Xty), "ordinary least squares"
    XXt = matmul(X, matT(X))
    a = solve(XXt, y)
    return [sum(X[i][j] * a[i] for i in range(n)) for j in range(p)], \
        "minimum-norm exact solution (under-determined: %d equations, %d unknowns)" % (n, p)


def main():
    print("DTI provincial data check (QĐ 922/QĐ-BTTTT weights)")
    print("=" * 70)
    for year in (2021, 2022, 2023):
        rows = load(year)
        n_rank = sum(1 for r in rows if r["rank"])
        n_rank_pub = sum(1 for r in rows if r["rank_status"] == "published")
        n_total = sum(1 for r in rows if r["total"])
        n_main = sum(1 for r in rows if all(r[k] for k in MAIN))
        n_anymain = sum(1 for r in rows if any(r[k] for k in MAIN))
        n_pill = sum(1 for r in rows if all(r[p] for p in PILLARS))
        n_pillrank = sum(1 for r in rows if all(r[p + "-rank"] for p in PILLARS))
        print("%d: rows=%d rank=%d (published %d) total=%d all-8-main=%d any-main=%d "
              "3-pillar-scores=%d 3-pillar-ranks=%d"
              % (year, len(rows), n_rank, n_rank_pub, n_total, n_main, n_anymain, n_pill, n_pillrank))
    print()

    rows = [r for r in load(2022) if r["total"] and all(r[k] for k in MAIN)]
    print("2022 provinces with all 8 main indices and a total: %d" % len(rows))
    print("Weights implied by QĐ 922 (max points / 1000):")
    for k, w in zip(MAIN, W922):
        print("  %-26s %.3f" % (k, w))
    print("  sum = %.3f" % sum(W922))
    print()
    X = [[float(r[k]) for k in MAIN] for r in rows]
    y = [float(r["total"]) for r in rows]
    print("%-4s %-18s %8s %10s %10s  %s" % ("id", "name", "total", "922-sum", "diff", "4dp / 5e-4 / interval"))
    n4 = n5 = nint = 0
    for r, x, t in zip(rows, X, y):
        s = sum(a * b for a, b in zip(W922, x))
        d = s - t
        ok4 = abs(d) <= 0.00005
        ok5 = abs(d) <= 0.0005
        # every input is rounded to 4 dp (+-0.00005) so the weighted sum of the
        # rounded inputs can be off by sum(w)*0.00005; the total itself by 0.00005
        okint = abs(d) <= 0.00005 * sum(W922) + 0.00005 + 1e-12
        n4 += ok4; n5 += ok5; nint += okint
        print("%-4s %-18s %8.4f %10.6f %+10.6f  %s / %s / %s" % (
            r["province"], r["name"], t, s, d, "yes" if ok4 else "no",
            "yes" if ok5 else "no", "yes" if okint else "no"))
    print()
    print("QĐ 922 weights reproduce the published total:")
    print("  to the 4th decimal (|diff| <= 0.00005): %d of %d" % (n4, len(rows)))
    print("  within 0.0005:                          %d of %d" % (n5, len(rows)))
    print("  within the rounding bound 0.0001 (inputs and total each rounded to 4 dp): %d of %d"
          % (nint, len(rows)))
    print()

    if len(rows) >= 2:
        rk = rank(X)
        print("Least-squares fit, total ~ sum_k w_k * index_k (no intercept); rank(X) = %d" % rk)
        w, how = lstsq(X, y)
        print("  8 free weights: %s" % how)
        for k, a, b in zip(MAIN, w, W922):
            print("    %-26s fit %+.4f   922 %.3f" % (k, a, b))
        print("    sum of fitted weights = %.4f" % sum(w))
        res = [t - sum(a * b for a, b in zip(w, x)) for x, t in zip(X, y)]
        print("    residuals: " + " ".join("%+.6f" % e for e in res))
        print("  NOTE: with %d provinces and 8 unknowns the 8-weight fit is not identified;"
              " infinitely many weight vectors fit exactly. It cannot test the 922 weights." % len(rows))
        # grouped model: the five foundation indices share one weight (922 gives them 0.1 each)
        G = [[sum(x[:5]), x[5], x[6], x[7]] for x in X]
        if rank(G) == 4 and len(G) >= 4:
            g, how = lstsq(G, y)
            res = [t - sum(a * b for a, b in zip(g, gx)) for gx, t in zip(G, y)]
            print("  4 grouped weights (one shared weight for the 5 foundation indices): %s" % how)
            print("    foundation (each) %+.4f (922: 0.100)" % g[0])
            print("    hoat-dong-chinh-quyen-so %+.4f (922: 0.200)" % g[1])
            print("    hoat-dong-kinh-te-so     %+.4f (922: 0.150)" % g[2])
            print("    hoat-dong-xa-hoi-so      %+.4f (922: 0.150)" % g[3])
            print("    sum of weights = %.4f (922: 1.000)" % (5 * g[0] + g[1] + g[2] + g[3]))
            print("    residuals: " + " ".join("%+.6f" % e for e in res))
            print("    max |residual| = %.6f" % max(abs(e) for e in res))
        res922 = [t - sum(a * b for a, b in zip(W922, x)) for x, t in zip(X, y)]
        print("  QĐ 922 weights: residuals " + " ".join("%+.6f" % e for e in res922)
              + "; sum of squares %.3e" % sum(e * e for e in res922))
    print()

    # pillar scores vs total (only Trà Vinh 2022 has all three)
    for year in (2021, 2022, 2023):
        for r in load(year):
            if r["total"] and all(r[p] for p in PILLARS):
                ps = [float(r[p]) for p in PILLARS]
                print("%d %s: total %s; pillars CQS %s KTS %s XHS %s; plain mean of pillars %.4f;"
                      " 0.4/0.3/0.3 mix %.4f" % (year, r["name"], r["total"], *[r[p] for p in PILLARS],
                                                  sum(ps) / 3, 0.4 * ps[0] + 0.3 * ps[1] + 0.3 * ps[2]))
                # HYPOTHESIS (not in the stored text of QĐ 922 except the CQS scale of 700):
                # pillar = foundation block (500 pts, same for every pillar) + that pillar's
                # activity index, i.e. CQS scale 700, KTS 650, XHS 650.  Then
                # 1000*total = 700*CQS + 650*KTS + 650*XHS - 1000*F, which gives F and the three
                # activity indices.  Four unknowns, four equations: this is NOT a test, only a
                # plausibility check (all values should fall in [0, 1]).
                F = (700 * ps[0] + 650 * ps[1] + 650 * ps[2] - 1000 * float(r["total"])) / 1000
                a = (700 * ps[0] - 500 * F) / 200
                b = (650 * ps[1] - 500 * F) / 150
                c = (650 * ps[2] - 500 * F) / 150
                print("  hypothesis 700/650/650 (unverified, not a test): implied foundation mean %.4f,"
                      " activity CQS %.4f KTS %.4f XHS %.4f" % (F, a, b, c))
    print("  Total vs pillar scores: QĐ 922 (as read) defines the total from the 8 scored main")
    print("  indices; the CQS pillar has scale 700 (5 foundation indices + smart city (0) + CQS")
    print("  activity). The KTS/XHS pillar scales were not in the stored text. With one province")
    print("  having all three pillar scores, no pillar-to-total relation can be tested.")

if __name__ == "__main__":
    main()
