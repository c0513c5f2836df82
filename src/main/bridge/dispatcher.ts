import type { z } from 'zod';
import { type CallName, type CallOutput, callInputs, type Reply } from '../../contract';
import { SqError, type Logger } from '../../engine/core';
import { errorText } from '../errorText';
import type { Session } from './session';

export type Handler<N extends CallName> = (
  input: z.output<(typeof callInputs)[N]>,
  session: Session,
) => CallOutput<N> | Promise<CallOutput<N>>;
export type Handlers = { [N in CallName]: Handler<N> };

/**
 * The engine side of the bridge, shared by both transports: every call is looked up, its input parsed
 * with the contract's schema, and only then handed to its handler. Whatever goes wrong comes back as a
 * structured error; nothing a client sends can throw past this point.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
  ) {}

  async handle(session: Session, name: unknown, rawInput: unknown): Promise<Reply<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(callInputs, name)) {
      // Not String(name): an object without a prototype has no toString and would throw.
      const shown = typeof name === 'string' ? name.slice(0, 64) : `(${typeof name})`;
      this.logger.warn({ session: session.id, name: shown }, 'bridge: unknown call');
      return { ok: false, error: { code: 'INVALID_INPUT', message: `unknown call ${shown}` } };
    }
    const callName = name as CallName;
    try {
      const parsed = callInputs[callName].safeParse(rawInput ?? {});
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
        this.logger.warn({ session: session.id, call: callName, message }, 'bridge: invalid input');
        return { ok: false, error: { code: 'INVALID_INPUT', message } };
      }
      const handler = this.handlers[callName] as Handler<CallName>;
      return { ok: true, value: await handler(parsed.data as never, session) };
    } catch (error) {
      if (error instanceof SqError) return { ok: false, error: error.toInfo() };
      this.logger.error({ session: session.id, call: callName, err: errorText(error) }, 'bridge: handler failed');
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error (logged)' } };
    }
  }
}
