import { describe, expect, it } from 'vitest';
import { chooseLaunch, electronEnv, type LaunchSteps } from '../../scripts/launch';
import type { BindingState } from '../../src/main/sqliteBinding';

/** Launch steps over given facts, recording which were looked up and what was built. */
function steps(facts: { headless?: boolean; binary?: string; states?: BindingState[]; buildFails?: string }) {
  const states = [...(facts.states ?? [])];
  const calls: string[] = [];
  const lines: string[] = [];
  const s: LaunchSteps = {
    headlessRequested: facts.headless ?? false,
    findElectronBinary: () => {
      calls.push('find');
      return facts.binary;
    },
    bindingState: () => {
      calls.push('state');
      const state = states.shift();
      if (state === undefined) throw new Error('binding state asked more often than expected');
      return state;
    },
    buildBinding: async () => {
      calls.push('build');
      if (facts.buildFails !== undefined) throw new Error(facts.buildFails);
    },
    log: (line) => lines.push(line),
  };
  return { steps: s, calls, lines };
}

describe('npm start: which host', () => {
  it('SQ_HEADLESS=1 runs headless without looking for Electron or building anything', async () => {
    const { steps: s, calls } = steps({ headless: true, binary: '/e/electron', states: ['missing'] });
    expect(await chooseLaunch(s)).toEqual({ host: 'headless', reason: 'SQ_HEADLESS=1' });
    expect(calls).toEqual([]);
  });

  it('no Electron binary: headless, and Node’s better-sqlite3 is never rebuilt', async () => {
    const { steps: s, calls } = steps({ binary: undefined, states: ['missing'] });
    expect(await chooseLaunch(s)).toEqual({ host: 'headless', reason: 'no Electron binary is installed here' });
    expect(calls).toEqual(['find']);
  });

  it('Electron with a current build of better-sqlite3 for it: starts Electron, builds nothing', async () => {
    const { steps: s, calls } = steps({ binary: '/e/electron', states: ['current'] });
    expect(await chooseLaunch(s)).toEqual({ host: 'electron', binary: '/e/electron' });
    expect(calls).toEqual(['find', 'state']);
  });

  it('a missing or stale Electron build is built once, checked again, then Electron starts', async () => {
    for (const first of ['missing', 'stale'] as const) {
      const { steps: s, calls, lines } = steps({ binary: '/e/electron', states: [first, 'current'] });
      expect(await chooseLaunch(s)).toEqual({ host: 'electron', binary: '/e/electron' });
      expect(calls).toEqual(['find', 'state', 'build', 'state']);
      expect(lines.join('\n')).toMatch(/out\/native/);
    }
  });

  it('a build that fails (no network for headers, no compiler) falls back to headless and says why', async () => {
    const { steps: s } = steps({ binary: '/e/electron', states: ['missing'], buildFails: 'getaddrinfo ENOTFOUND www.electronjs.org' });
    expect(await chooseLaunch(s)).toEqual({
      host: 'headless',
      reason: 'better-sqlite3 could not be built for Electron: getaddrinfo ENOTFOUND www.electronjs.org',
    });
  });

  it('a build that claims success but leaves no current binding is not trusted', async () => {
    const { steps: s } = steps({ binary: '/e/electron', states: ['missing', 'stale'] });
    expect(await chooseLaunch(s)).toEqual({ host: 'headless', reason: "better-sqlite3's Electron build is still stale after building it" });
  });

  it('starts Electron without ELECTRON_RUN_AS_NODE, which would run the project as a plain Node script', () => {
    const env = { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', SQ_DATA_DIR: '/d' };
    expect(electronEnv(env)).toEqual({ PATH: '/usr/bin', SQ_DATA_DIR: '/d' });
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1'); // the caller's environment is left alone
  });
});
