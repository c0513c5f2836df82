/** Zerodha Kite Connect: each part in its own subfolder. */
export * from './session';
