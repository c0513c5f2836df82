/** What reading (or writing) Binance's wire gives: the value, or why it cannot be taken. */
export type Wire<T> = { ok: true; value: T } | { ok: false; reason: string };
