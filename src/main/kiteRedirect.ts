import { SqError } from '../engine/core';
import type { Terminal } from '../engine/terminal';
import { formatIst } from '../engine/venues';

/**
 * What the browser shows after Kite redirected it to this host's /kite/redirect: the pending login
 * completed (and until when), or why not, in plain words. Never the token.
 */
export async function kiteRedirectAnswer(terminal: Terminal, target: string): Promise<{ ok: boolean; text: string }> {
  try {
    const view = await terminal.accounts.completeKiteRedirect(target);
    const until = view.session?.expiresAt;
    return { ok: true, text: `${view.name}: logged in to Kite until ${until === undefined ? '?' : formatIst(until)}. You can close this tab.` };
  } catch (error) {
    if (error instanceof SqError) return { ok: false, text: `Kite login not completed: ${error.message}` };
    throw error;
  }
}
