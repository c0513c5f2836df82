/** Zerodha Kite Connect: each part in its own subfolder. */
export * from './adapter';
export * from './session';
export * from './ticker';
