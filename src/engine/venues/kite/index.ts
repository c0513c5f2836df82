/** Zerodha Kite Connect: each part in its own folder. */
export * from './ticker';
