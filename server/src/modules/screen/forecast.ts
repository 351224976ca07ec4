import fs from 'node:fs';
import { createRequire } from 'node:module';
import { AutoETS, initSync } from '@bsull/augurs/ets';
import { comb } from './comb.ts';

/**
 * Forecasts that prove themselves. The model is augurs' automatic ETS (Grafana's Rust library in WebAssembly: the
 * R `ets` search over error and trend forms, chosen by AICc, with prediction intervals). Before a forecast is shown,
 * it is back-tested from rolling origins over the held-out end of its own history against the M4 "Comb" benchmark;
 * a model that does not beat Comb there is not shown as a forecast.
 */

let ready = false;
/** The WebAssembly module is loaded once per process, synchronously, from the package's own file. */
function ensureAugurs() {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const wasm = require.resolve('@bsull/augurs/ets').replace(/ets\.js$/, 'ets_bg.wasm');
  initSync({ module: fs.readFileSync(wasm) });
  ready = true;
}

export interface ModelForecast {
  point: number[];
  lower: number[] | null;
  upper: number[] | null;
}

/** augurs AutoETS ("ZZN": any error and trend, no season) with `level` prediction intervals. */
export function autoEts(y: readonly number[], h: number, level = 0.8): ModelForecast {
  ensureAugurs();
  const m = new AutoETS(1, 'ZZN');
  try {
    m.fit(Float64Array.from(y));
    const f = m.predict(h, level);
    return { point: f.point, lower: f.intervals?.lower ?? null, upper: f.intervals?.upper ?? null };
  } finally {
    m.free();
  }
}

export interface BackTest {
  /** Rolling origins tested and the steps ahead scored at each. */
  origins: number;
  horizon: number;
  /** Mean absolute error over every scored step. */
  modelMae: number;
  combMae: number;
  /** Share of held-out values inside the model's interval. */
  coverage: number | null;
  /** The model beat Comb (strictly lower MAE). */
  modelWins: boolean;
}

/** The fewest observations a model is fitted on (augurs needs more than its parameters + 4). */
export const MIN_FIT = 9;

/**
 * Rolling-origin back-test: for each origin in the held-out end of the series, fit on what came before, forecast
 * `horizon` steps and score them against what happened. Null when the history is too short to hold any out.
 */
export function backTest(y: readonly number[], horizon: number, level = 0.8): BackTest | null {
  const holdOut = Math.min(Math.max(horizon, Math.floor(y.length / 3)), y.length - MIN_FIT);
  if (holdOut < 1) return null;
  let modelErr = 0;
  let combErr = 0;
  let inside = 0;
  let withInterval = 0;
  let scored = 0;
  let origins = 0;
  for (let origin = y.length - holdOut; origin < y.length; origin++) {
    const train = y.slice(0, origin);
    const h = Math.min(horizon, y.length - origin);
    let m: ModelForecast;
    try {
      m = autoEts(train, h, level);
    } catch {
      // No model could be fitted at this origin: the model scores as a naive last-value forecast there.
      m = { point: Array(h).fill(train.at(-1)!), lower: null, upper: null };
    }
    const c = comb(train, h);
    origins++;
    for (let k = 0; k < h; k++) {
      const actual = y[origin + k]!;
      modelErr += Math.abs(actual - m.point[k]!);
      combErr += Math.abs(actual - c[k]!);
      if (m.lower && m.upper) {
        withInterval++;
        if (actual >= m.lower[k]! && actual <= m.upper[k]!) inside++;
      }
      scored++;
    }
  }
  const modelMae = modelErr / scored;
  const combMae = combErr / scored;
  return {
    origins,
    horizon,
    modelMae,
    combMae,
    coverage: withInterval ? inside / withInterval : null,
    modelWins: modelMae < combMae - 1e-12,
  };
}
