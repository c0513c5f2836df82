/**
 * The composite of each instrument over the last day, one point per 15 s bucket (the latest value in
 * the bucket), in memory, for the price chart's overlay. 24 h × 4 points/min = 5,760 points per
 * instrument at most.
 */
export const COMPOSITE_BUCKET_MS = 15_000;
export const COMPOSITE_HISTORY_MS = 24 * 3_600_000;

export class CompositeHistory {
  private readonly byInstrument = new Map<string, { ts: number; composite: number }[]>();

  record(instrument: string, ts: number, composite: number | undefined): void {
    if (composite === undefined || !Number.isFinite(composite)) return;
    let points = this.byInstrument.get(instrument);
    if (!points) this.byInstrument.set(instrument, (points = []));
    const bucket = Math.floor(ts / COMPOSITE_BUCKET_MS) * COMPOSITE_BUCKET_MS;
    const last = points[points.length - 1];
    if (last && Math.floor(last.ts / COMPOSITE_BUCKET_MS) * COMPOSITE_BUCKET_MS === bucket) {
      last.ts = ts;
      last.composite = composite;
    } else points.push({ ts, composite });
    const cutoff = ts - COMPOSITE_HISTORY_MS;
    let drop = 0;
    while (drop < points.length && points[drop]!.ts < cutoff) drop++;
    if (drop) points.splice(0, drop);
  }

  since(instrument: string, since: number): { ts: number; composite: number }[] {
    return (this.byInstrument.get(instrument) ?? []).filter((p) => p.ts >= since).map((p) => ({ ...p }));
  }
}
