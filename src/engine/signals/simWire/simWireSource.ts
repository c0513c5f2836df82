/**
 * The simulated news wire as a signal source: a SourceDefinition whose poll runs the headline
 * generator instead of HTTP (SourceDefinition.generate), so its items are tagged, scored,
 * deduplicated and stored by SignalSources exactly like a real feed's, and its status (connected,
 * last item, errors) reads like theirs. Source id 'sim-wire', label "Simulated news".
 */
import { DEFAULT_SOURCE_LIMITS, type SourceDefinition } from '../sources';
import { SimWireGenerator, type SimWireOptions } from './headlineGenerator';
import type { MarketSample, RegimeReader } from './regime';

export const SIM_WIRE_SOURCE_ID = 'sim-wire';
export const SIM_WIRE_LABEL = 'Simulated news';

export interface SimWireSourceOptions extends SimWireOptions {
  /** Default 'sim-wire'. */
  id?: string;
  /** How often the wire reads the market and publishes what arrived (default 15 s). */
  intervalMs?: number;
}

export function simWireSource(o: SimWireSourceOptions): SourceDefinition & { readonly generator: SimWireGenerator } {
  const generator = new SimWireGenerator(o);
  return {
    id: o.id ?? SIM_WIRE_SOURCE_ID,
    kind: 'simWire',
    label: SIM_WIRE_LABEL,
    intervalMs: o.intervalMs ?? 15_000,
    // No network: the limit only bounds how often a "refresh" can make it publish.
    maxRequestsPerMinute: 60,
    limits: DEFAULT_SOURCE_LIMITS,
    secrets: [],
    requests: () => [],
    generate: (now) => ({ headlines: generator.generate(now), readings: [] }),
    generator,
  };
}

/** True for an item or status of the simulated wire (the UI marks it "simulated"). */
export function isSimulatedSource(source: string): boolean {
  return source === SIM_WIRE_SOURCE_ID;
}

/** Reads a SIM venue's market (SimVenue.marketRegime) for the wire. */
export function simVenueRegimeReader(venue: { marketRegime(symbol: string): MarketSample | undefined }): RegimeReader {
  return (symbol) => venue.marketRegime(symbol);
}
