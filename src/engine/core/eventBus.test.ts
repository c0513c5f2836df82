import { describe, expect, it } from 'vitest';
import { EventBus } from './eventBus';

describe('EventBus', () => {
  it('delivers typed events to every listener, and a throwing listener harms no other', () => {
    const errors: string[] = [];
    const bus = new EventBus<{ tick: number }>((event, error) => errors.push(`${event}: ${String(error)}`));
    const got: number[] = [];
    bus.on('tick', () => {
      throw new Error('boom');
    });
    const off = bus.on('tick', (n) => got.push(n));
    bus.emit('tick', 1);
    off();
    bus.emit('tick', 2);
    expect(got).toEqual([1]);
    expect(errors).toEqual(['tick: Error: boom', 'tick: Error: boom']);
  });
});
