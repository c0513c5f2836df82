import { optionPrice, type OptionInputs } from './pricing';

/**
 * Implied volatility: the sigma at which the model's price equals a quoted price.
 *
 * A price outside the no-arbitrage bounds has no implied volatility, and saying why is more useful to a
 * trader than a NaN: below the (discounted forward) intrinsic value, or above what the option can ever be
 * worth (the discounted underlying for a call, the discounted strike for a put).
 */
export type ImpliedVol = { ok: true; iv: number } | { ok: false; reason: string };

const MAX_SIGMA = 100;
const MAX_ITERATIONS = 200;

/** `inputs.sigma` is ignored. */
export function impliedVol(price: number, inputs: Omit<OptionInputs, 'sigma'>): ImpliedVol {
  const { spot, strike, years, rate } = inputs;
  if (![price, spot, strike, years, rate, inputs.dividend].every(Number.isFinite)) {
    return { ok: false, reason: 'inputs must be finite numbers' };
  }
  if (!(spot > 0) || !(strike > 0)) return { ok: false, reason: 'underlying and strike must be positive' };
  if (!(years > 0)) return { ok: false, reason: 'the option has expired' };
  const q = inputs.model === 'black76' ? rate : inputs.dividend;
  const forwardValue = spot * Math.exp(-q * years);
  const strikeValue = strike * Math.exp(-rate * years);
  const isCall = inputs.right === 'call';
  const intrinsic = Math.max(0, isCall ? forwardValue - strikeValue : strikeValue - forwardValue);
  const ceiling = isCall ? forwardValue : strikeValue;
  if (price < intrinsic) return { ok: false, reason: 'below intrinsic value' };
  if (price >= ceiling) return { ok: false, reason: isCall ? 'above the underlying' : 'above the strike' };
  if (price === intrinsic) return { ok: true, iv: 0 };

  const trial: OptionInputs = { ...inputs, sigma: 0 };
  const priceAt = (sigma: number): number => {
    trial.sigma = sigma;
    return optionPrice(trial);
  };
  // The price is increasing in sigma: bisect a bracket to the last bit. Slow but certain.
  let lo = 0;
  let hi = 1;
  while (priceAt(hi) < price && hi < MAX_SIGMA) hi *= 2;
  if (priceAt(hi) < price) return { ok: false, reason: 'implied volatility above 10000%' };
  let sigma = 0.5 * hi;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const diff = priceAt(sigma) - price;
    if (diff === 0) break;
    if (diff > 0) hi = sigma;
    else lo = sigma;
    if (hi - lo <= 4 * Number.EPSILON * hi) break;
    sigma = 0.5 * (lo + hi);
  }
  return { ok: true, iv: sigma };
}
