import { z } from 'zod';

/** Envelopes on the WebSocket transport. IPC carries the same call/reply shapes through invoke. */
export const clientMessage = z
  .object({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    name: z.string().min(1).max(64),
    input: z.unknown(),
  })
  .strict();
export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number | null; ok: false; error: { code: string; message: string } }
  | { t: 'event'; name: string; payload: unknown };
