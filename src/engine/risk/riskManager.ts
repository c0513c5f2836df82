import { err, ok, type Result, type Side, type Symbol, type Ticks, type VenueId } from '../core';
import { instrumentKey, notional, type InstrumentRegistry } from '../instruments';
import type { OrderRequest } from '../oms';
import type { Store } from '../storage';
import { KILL_SWITCH_REASON, type KillSwitch } from './killSwitch';
import {
  describeQty,
  describeQuote,
  isLimitText,
  resolveLimits,
  type LimitSpec,
  type ResolvedLimits,
  type RiskLimitsConfig,
} from './limits';
import { silentLogger, type Logger } from '../core';

/** The price a market order is expected to trade at: best ask for a buy, best bid for a sell. */
export type ReferencePrice = (venue: VenueId, symbol: Symbol, side: Side) => Ticks | undefined;

export interface RiskManagerOptions {
  instruments: InstrumentRegistry;
  killSwitch: KillSwitch;
  referencePrice: ReferencePrice;
  /** Where limits persist (settings key `risk.limits`); without it, limits last for the run only. */
  store?: Store;
  /** Limits used when the store holds none yet. */
  defaults?: LimitSpec;
  logger?: Logger;
}

const SETTING_KEY = 'risk.limits';

/**
 * Pre-trade checks. Every rejection carries a reason precise enough for a trader to fix the order
 * without looking anything up: which amount, which limit, on which instrument.
 */
export class RiskManager {
  readonly killSwitch: KillSwitch;
  private readonly instruments: InstrumentRegistry;
  private readonly referencePrice: ReferencePrice;
  private readonly store: Store | undefined;
  private readonly logger: Logger;
  private config: RiskLimitsConfig;

  constructor(options: RiskManagerOptions) {
    this.instruments = options.instruments;
    this.killSwitch = options.killSwitch;
    this.referencePrice = options.referencePrice;
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    const saved = this.store?.getSetting<RiskLimitsConfig>(SETTING_KEY);
    this.config = saved ?? { defaults: { ...options.defaults }, instruments: {} };
  }

  check(req: OrderRequest): Result<void> {
    // First, and with exactly this reason: nothing else matters while trading is stopped.
    if (this.killSwitch.isEngaged()) return err('KILL_SWITCH', KILL_SWITCH_REASON);

    const key = instrumentKey(req.venue, req.symbol);
    const inst = this.instruments.get(req.venue, req.symbol);
    if (!inst) return err('UNKNOWN_INSTRUMENT', `unknown instrument ${key}`);

    if (!Number.isSafeInteger(req.qty) || req.qty <= 0) {
      return err('INVALID_INPUT', `quantity must be a positive whole number of lots for ${key}`);
    }
    if (req.type === 'limit' && req.price === undefined) return err('INVALID_INPUT', `a limit order needs a price for ${key}`);
    if (req.price !== undefined && (!Number.isSafeInteger(req.price) || req.price <= 0)) {
      return err('INVALID_INPUT', `price must be a positive whole number of ticks for ${key}`);
    }

    const limits = resolveLimits(inst, this.config, key);
    if (limits.maxOrderQty !== undefined && req.qty > limits.maxOrderQty) {
      return err(
        'RISK_REJECTED',
        `quantity ${describeQty(inst, req.qty)} exceeds the max order quantity ${describeQty(inst, limits.maxOrderQty)} for ${key}`,
      );
    }

    const price = req.type === 'limit' ? req.price : this.referencePrice(req.venue, req.symbol, req.side);
    if (price === undefined) {
      return err('RISK_REJECTED', `no reference price for a market ${req.side} on ${key}`);
    }
    const value = notional(inst, price, req.qty);
    if (value < inst.minNotional) {
      return err(
        'RISK_REJECTED',
        `notional ${describeQuote(inst, value)} is below the minimum notional ${describeQuote(inst, inst.minNotional)} for ${key}`,
      );
    }
    if (limits.maxOrderNotional !== undefined && value > limits.maxOrderNotional) {
      return err(
        'RISK_REJECTED',
        `notional ${describeQuote(inst, value)} exceeds the max order notional ${describeQuote(inst, limits.maxOrderNotional)} for ${key}`,
      );
    }
    return ok(undefined);
  }

  limits(): RiskLimitsConfig {
    return structuredClone(this.config);
  }

  limitsFor(venue: VenueId, symbol: Symbol): ResolvedLimits | undefined {
    const inst = this.instruments.get(venue, symbol);
    return inst && resolveLimits(inst, this.config, instrumentKey(venue, symbol));
  }

  setDefaultLimits(spec: LimitSpec): Result<RiskLimitsConfig> {
    const bad = invalidField(spec);
    if (bad) return err('INVALID_INPUT', bad);
    return this.save({ ...this.config, defaults: { ...spec } });
  }

  /** Overrides one instrument's limits; `undefined` removes the override (defaults apply again). */
  setInstrumentLimits(venue: VenueId, symbol: Symbol, spec: LimitSpec | undefined): Result<RiskLimitsConfig> {
    const key = instrumentKey(venue, symbol);
    if (!this.instruments.get(venue, symbol)) return err('UNKNOWN_INSTRUMENT', `unknown instrument ${key}`);
    const instruments = { ...this.config.instruments };
    if (spec === undefined) delete instruments[key];
    else {
      const bad = invalidField(spec);
      if (bad) return err('INVALID_INPUT', bad);
      instruments[key] = { ...spec };
    }
    return this.save({ ...this.config, instruments });
  }

  private save(config: RiskLimitsConfig): Result<RiskLimitsConfig> {
    this.store?.setSetting(SETTING_KEY, config);
    this.config = config;
    this.logger.info({ limits: config }, 'risk limits changed');
    return ok(this.limits());
  }
}

function invalidField(spec: LimitSpec): string | undefined {
  for (const [field, value] of Object.entries(spec)) {
    if (value !== undefined && (typeof value !== 'string' || !isLimitText(value))) {
      return `${field} must be a non-negative decimal amount, got ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}
