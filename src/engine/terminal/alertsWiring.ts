import { type Clock, type Logger, type NumberFormat, PLAIN_NUMBERS } from '../core';
import type { BookReader } from '../book';
import type { InstrumentRegistry } from '../instruments';
import type { OrderManager } from '../oms';
import type { RiskManager } from '../risk';
import type { Store } from '../storage';
import { Alerts, type Notice, Notices } from './alerts';
import type { AnalyticsFeed } from './analyticsFeed';

export interface AlertsWiring {
  clock: Clock;
  logger: Logger;
  store: Store;
  registry: InstrumentRegistry;
  reader: BookReader;
  oms: OrderManager;
  risk: RiskManager;
  /** Started at boot: undefined until then. */
  analytics(): AnalyticsFeed | undefined;
  /** The Settings screen's number format now, read per text written (numberFormatOrPlain over the view settings). */
  numberFormat(): NumberFormat;
  emitNotice(notice: Notice): void;
}

/**
 * The number format for a text being written, or the plain form when the settings cannot be read (a
 * store closing at shutdown): a fill's notice is still told, in the form the engine itself writes.
 */
export function numberFormatOrPlain(read: () => NumberFormat, logger: Logger): () => NumberFormat {
  return () => {
    try {
      const { thousands, decimalComma } = read();
      return { thousands, decimalComma };
    } catch (error) {
      logger.warn({ err: String(error) }, 'view settings not readable; a notice is written in the plain number format');
      return PLAIN_NUMBERS;
    }
  };
}

/**
 * Price and analytics alerts, and the notices (toasts) for fired alerts, fills, the venue's refusals and
 * breaker trips. Built last in the terminal's constructor: its fill and audit listeners come after the
 * portfolio's, so a notice follows the position it describes.
 */
export function createAlerts(w: AlertsWiring): Alerts {
  const { clock, logger, store, registry, oms } = w;
  const numberFormat = (): NumberFormat => w.numberFormat();
  const notices = new Notices({ clock, instrument: (v, s) => registry.get(v, s), order: (id) => oms.get(id), numberFormat, emit: (n) => w.emitNotice(n) });
  const alerts = new Alerts({
    clock,
    logger,
    store,
    instrument: (v, s) => registry.get(v, s),
    mid: (key) => w.reader.mid(key),
    analytics: (key) => w.analytics()?.view(key),
    numberFormat,
    fired: (entry) => notices.onAlert(entry),
  });
  oms.events.on('fill', (fill) => notices.onFill(fill));
  oms.events.on('audit', (entry) => notices.onAudit(entry));
  w.risk.breakers.events.on('breaker', (record) => notices.onBreaker(record));
  return alerts;
}
