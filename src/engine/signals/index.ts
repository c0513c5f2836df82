/**
 * Signals: sentiment, ML inference and the signal aggregator (issue 16).
 */
// --- order-flow model (orderflow/) ---
export * from './orderflow';
