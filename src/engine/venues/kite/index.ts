/** Zerodha Kite Connect: each part in its own subfolder. */
export * from './adapter';
export * from './instruments';
export * from './rules';
export * from './session';
export * from './ticker';
