/**
 * The two-sided p-value of the Mann-Whitney U test (Wilcoxon rank-sum): how likely samples as far
 * apart as `a` and `b` would be if both came from one distribution. The normal approximation, with
 * the correction for ties and for continuity; good for samples of twenty or more each.
 */
export function mannWhitneyP(a: number[], b: number[]): number {
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort((x, y) => x.value - y.value);
  const n = all.length;
  let rankSumA = 0;
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]!.value === all[i]!.value) j++;
    // Tied values share the mean of the ranks they span (ranks count from 1).
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSumA += rank;
    const t = j - i + 1;
    ties += t ** 3 - t;
    i = j + 1;
  }
  const [n1, n2] = [a.length, b.length];
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (sd === 0) return 1;
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / sd;
  return Math.min(1, erfc(z / Math.SQRT2));
}

/** The complementary error function, to a relative error under 1.2e-7 (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
