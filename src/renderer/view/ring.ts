/**
 * A fixed-capacity ring of numbers for sparklines: the newest sample overwrites the oldest once full,
 * so memory stays bounded however long the terminal runs. Immutable: `ringPush` returns a new ring
 * (a copy of at most `capacity` numbers), so a zustand store sees the change and React re-renders.
 * A missing sample is stored as NaN and drawn as a gap.
 */
export interface Ring {
  readonly capacity: number;
  /** Slot storage; only `size` slots starting at `start` (wrapping) are samples. */
  readonly slots: Float64Array;
  /** Slot of the oldest sample. */
  readonly start: number;
  readonly size: number;
}

export function createRing(capacity: number): Ring {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
  return { capacity, slots: new Float64Array(capacity), start: 0, size: 0 };
}

/** Appends a sample (undefined = no value yet), dropping the oldest when full. */
export function ringPush(ring: Ring, value: number | undefined): Ring {
  const slots = ring.slots.slice();
  const v = value === undefined || !Number.isFinite(value) ? Number.NaN : value;
  if (ring.size < ring.capacity) {
    slots[(ring.start + ring.size) % ring.capacity] = v;
    return { capacity: ring.capacity, slots, start: ring.start, size: ring.size + 1 };
  }
  slots[ring.start] = v;
  return { capacity: ring.capacity, slots, start: (ring.start + 1) % ring.capacity, size: ring.size };
}

/** The samples, oldest first. */
export function ringValues(ring: Ring): number[] {
  const out = new Array<number>(ring.size);
  for (let i = 0; i < ring.size; i++) out[i] = ring.slots[(ring.start + i) % ring.capacity]!;
  return out;
}
