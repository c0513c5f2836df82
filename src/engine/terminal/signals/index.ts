/** The signals desk of the terminal (issue 16): sources, scoring, the aggregator, alerts, order-flow models, views. */
export { CRYPTOPANIC_LOCKED, CRYPTOPANIC_NO_TOKEN, cryptoPanicTokenName, DEFAULT_SIGNAL_WEIGHTS, SignalsDesk, type SecretKeeper, type SignalsDeskDeps, type SignalsOptions } from './signalsDesk';
export { MIN_TRAINING_SAMPLES, HORIZON_MS as ORDER_FLOW_HORIZON_MS } from './orderFlowModels';

