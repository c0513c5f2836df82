import type { KillState } from '../../contract/api';

/**
 * What each venue's own kill switch (Kite) did at the last engage, one line each for the kill banner:
 * "kite-main: cancel 2412 failed: <Kite's words>", or that it is still running, or that all went through.
 */
export function venueKillLines(kill: Pick<KillState, 'venueKill'> | null | undefined): { text: string; bad: boolean }[] {
  const lines: { text: string; bad: boolean }[] = [];
  for (const o of kill?.venueKill ?? []) {
    if (o.state === 'running') lines.push({ text: `${o.venue}: canceling at the venue…`, bad: false });
    else if (o.failures.length === 0) lines.push({ text: `${o.venue}: every call went through (${o.canceled} canceled at the venue)`, bad: false });
    else for (const f of o.failures) lines.push({ text: `${o.venue}: ${f.action} failed: ${f.reason}`, bad: true });
  }
  return lines;
}
