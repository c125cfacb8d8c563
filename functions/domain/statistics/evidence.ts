/**
 * How much a count says. An outlet with 150 ratings a month and one complaint has "6.7 complaints
 * per 1,000 ratings", over a threshold of 5, yet the same outlet would show that one complaint in
 * any month by chance. The early warnings (warnings.ts) therefore ask whether the evidence is
 * past the threshold, not the point estimate: a one-sided confidence bound of the rate, at a
 * configured confidence level, must itself be on the wrong side. Pure arithmetic, no I/O.
 */

/** Coefficients of Wichura's AS 241 (PPND16), lowest power first, as JavaScript holds them. */
const CENTRAL = {
  numerator: [
    3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
    67265.7709270087, 33430.57558358813, 2509.0809287301227,
  ],
  denominator: [
    1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
    28729.085735721943, 5226.495278852546,
  ],
};
const NEAR_TAIL = {
  numerator: [
    1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
    0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
  ],
  denominator: [
    1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
    0.0005475938084995345, 1.0507500716444169e-9,
  ],
};
const FAR_TAIL = {
  numerator: [
    6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
    0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
  ],
  denominator: [
    1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
    0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
  ],
};

const polynomial = (coefficients: readonly number[], x: number) =>
  coefficients.reduceRight((sum, c) => sum * x + c, 0);
const ratio = (c: { numerator: readonly number[]; denominator: readonly number[] }, x: number) =>
  polynomial(c.numerator, x) / polynomial(c.denominator, x);

/**
 * The standard normal quantile: the z with Φ(z) = p (1.6449 for p = 0.95). Wichura's algorithm
 * AS 241 (PPND16), accurate to about 1 part in 10^16 over (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`Not a probability strictly between 0 and 1: ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(CENTRAL, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value = r <= 5 ? ratio(NEAR_TAIL, r - 1.6) : ratio(FAR_TAIL, r - 5);
  return q < 0 ? -value : value;
}

/**
 * The Wilson score interval of a share `successes / n` at normal quantile `z`: with z = 1.645
 * (95 % one-sided), the upper bound is the highest true share that could still have given so few
 * successes, with 95 % confidence. Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays within 0–1 and behaves at
 * small n and at 0 % or 100 %. With z = 0 both bounds are p̂. Null when n is 0.
 *
 *   centre = p̂ + z²/(2n),  spread = z·√(p̂(1−p̂)/n + z²/(4n²)),  bounds = (centre ∓ spread) / (1 + z²/n)
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number,
): { lower: number; upper: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return { lower: (centre - spread) / scale, upper: (centre + spread) / scale };
}

/**
 * The pooled two-proportion z statistic for a fall from `before` to `after` (positive when the
 * share fell): (p̂₀ − p̂₁) / √(p̄(1−p̄)(1/n₀ + 1/n₁)), p̄ = (s₀ + s₁)/(n₀ + n₁). Null when either
 * period is empty or both shares are 0 % or 100 % (nothing varies, so nothing fell).
 */
export function twoProportionZ(
  before: { successes: number; n: number },
  after: { successes: number; n: number },
): number | null {
  if (before.n <= 0 || after.n <= 0) return null;
  const pooled = (before.successes + after.successes) / (before.n + after.n);
  const variance = pooled * (1 - pooled) * (1 / before.n + 1 / after.n);
  if (variance <= 0) return null;
  return (before.successes / before.n - after.successes / after.n) / Math.sqrt(variance);
}

/** P(X ≥ k) for X ~ Poisson(mean): the chance of `k` or more events when `mean` are expected. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  // 1 − P(X ≤ k−1), the terms summed from the largest down so nothing small is lost first.
  let term = Math.exp(-mean);
  const terms = [term];
  for (let i = 1; i < k; i++) {
    term *= mean / i;
    terms.push(term);
  }
  const below = terms.reverse().reduce((a, b) => a + b, 0);
  return Math.max(0, 1 - below);
}

/**
 * The exact one-sided lower confidence bound of a Poisson mean after observing `k` events
 * (Garwood's): the mean μ with P(X ≥ k | μ) = 1 − confidence, so any smaller mean makes `k` or
 * more events rarer than 1 − confidence. 0 when k is 0. It equals half the (1 − confidence)
 * quantile of χ² with 2k degrees of freedom; found here by bisection on the tail above.
 */
export function poissonLowerBound(k: number, confidence: number): number {
  if (k <= 0) return 0;
  const alpha = 1 - confidence;
  let low = 0;
  let high = k; // P(X ≥ k | μ = k) ≥ ½ > alpha whenever confidence ≥ ½
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (poissonUpperTail(k, mid) > alpha) high = mid;
    else low = mid;
  }
  return (low + high) / 2;
}
