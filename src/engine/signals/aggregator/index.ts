/**
 * The signal aggregator (issue 16 item 4): normalised per-instrument signals, a weighted composite, its bus and alerts.
 */
export { alertRuleSchema, AlertTracker, type AlertRule, type AlertSignal, type SignalAlert } from './alerts';
export { COMPONENT_NAMES, type ComponentName, type ComponentReading } from './components';
export { aggregatorConfigSchema, parseAggregatorConfig, type AggregatorConfig, type AggregatorConfigInput } from './config';
export { DecayedSeries } from './decay';
export * from './mappings';
export { SignalAggregator, type SignalAggregatorEvents, type SignalAggregatorOptions, type SignalSnapshot } from './signalAggregator';
export { DEFAULT_TECHNICAL_PERIODS, TechnicalState, type TechnicalPeriods } from './technicals';
export { composite, parseSignalWeights, SignalWeightsError, signalWeightsSchema, type Composite, type CompositePart, type SignalWeights } from './weights';
