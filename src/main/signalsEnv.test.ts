import { describe, expect, it } from 'vitest';
import { signalsFromEnv } from './engineHost';

describe("the signals desk's host settings from the environment", () => {
  it('reads the SIM wire interval, headline rate and start-up training', () => {
    expect(signalsFromEnv({})).toEqual({});
    expect(signalsFromEnv({ SQ_SIM_WIRE_MS: '2000', SQ_SIM_WIRE_PER_MIN: '30', SQ_SIM_ORDERFLOW_TRAIN: '1' })).toEqual({
      simWireIntervalMs: 2000,
      simWireHeadlinesPerMinute: 30,
      trainSimulatedAtStart: true,
    });
  });

  it('refuses values out of range, naming the variable', () => {
    expect(() => signalsFromEnv({ SQ_SIM_WIRE_MS: '10' })).toThrow(/SQ_SIM_WIRE_MS/);
    expect(() => signalsFromEnv({ SQ_SIM_WIRE_PER_MIN: '0' })).toThrow(/SQ_SIM_WIRE_PER_MIN/);
    expect(() => signalsFromEnv({ SQ_SIM_WIRE_PER_MIN: 'lots' })).toThrow(/SQ_SIM_WIRE_PER_MIN/);
  });
});
