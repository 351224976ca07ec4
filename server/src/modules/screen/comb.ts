/**
 * The M4 competition's "Comb" benchmark: the simple average of simple exponential smoothing (SES), Holt's linear
 * trend and damped-trend exponential smoothing, each with its parameters chosen by least squares over the fit, as
 * the competition's benchmark code does. It is the bar a forecast must clear in the back-test (Makridakis et al.,
 * "The M4 Competition: 100,000 time series and 61 forecasting methods", 2020).
 *
 * Written here rather than taken from the forecasting library: augurs' JavaScript bindings (@bsull/augurs 0.10)
 * expose only the automatic ETS search, whose "ANN" search fails with "no model found" and which cannot fix a damped
 * trend, so the three fixed benchmark methods are not reachable through it. The methods are the textbook recursions
 * (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, ch. 8) with a coarse-to-fine grid search.
 */

export interface SmoothingFit {
  /** Forecasts for 1..h steps ahead. */
  forecast: number[];
  sse: number;
  params: { alpha: number; beta?: number; phi?: number };
}

const GRID = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));
const PHIS = [0.8, 0.85, 0.9, 0.95, 0.98];

/** One pass of the (damped) trend recursion; beta undefined is SES, phi 1 is Holt. */
function run(y: readonly number[], h: number, alpha: number, beta?: number, phi = 1): SmoothingFit {
  let level = y[0]!;
  let trend = beta === undefined ? 0 : y.length > 1 ? y[1]! - y[0]! : 0;
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const fitted = level + phi * trend;
    const e = y[t]! - fitted;
    sse += e * e;
    const prev = level;
    level = fitted + alpha * e;
    if (beta !== undefined) trend = phi * trend + beta * (level - prev - phi * trend);
  }
  const forecast: number[] = [];
  let damp = 0;
  for (let k = 1; k <= h; k++) {
    damp += phi ** k;
    forecast.push(level + (beta === undefined ? 0 : damp * trend));
  }
  return { forecast, sse, params: beta === undefined ? { alpha } : { alpha, beta, phi } };
}

function best(candidates: Iterable<SmoothingFit>): SmoothingFit {
  let out: SmoothingFit | null = null;
  for (const c of candidates) if (!out || c.sse < out.sse) out = c;
  return out!;
}

export function ses(y: readonly number[], h: number): SmoothingFit {
  return best(GRID.map((a) => run(y, h, a)));
}

export function holt(y: readonly number[], h: number): SmoothingFit {
  return best(GRID.flatMap((a) => GRID.filter((b) => b <= a).map((b) => run(y, h, a, b))));
}

export function dampedHolt(y: readonly number[], h: number): SmoothingFit {
  return best(PHIS.flatMap((p) => GRID.flatMap((a) => GRID.filter((b) => b <= a).map((b) => run(y, h, a, b, p)))));
}

/** Comb: the point-wise mean of the three forecasts. Needs at least two observations. */
export function comb(y: readonly number[], h: number): number[] {
  if (y.length < 2) throw new Error('comb needs at least two observations');
  const parts = [ses(y, h), holt(y, h), dampedHolt(y, h)];
  return Array.from({ length: h }, (_, k) => parts.reduce((s, p) => s + p.forecast[k]!, 0) / parts.length);
}
