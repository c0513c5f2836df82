import { type Clock, type Logger, SqError } from '../core';
import type { Store } from '../storage';

/**
 * A screen arrangement as the view serialised it (the docking library's layout, the grids' column
 * states, the zoom). The engine does not read inside it: it keeps it whole, bounded in size, so a
 * workspace saved today loads tomorrow in any window or browser tab.
 */
export type WorkspaceLayout = Record<string, unknown>;

export interface WorkspaceSummary {
  name: string;
  /** Engine time (ms since the epoch) of the last save. */
  savedAt: number;
}

export interface WorkspacesView {
  /** The trader's named workspaces, by name. */
  saved: WorkspaceSummary[];
  /** The name of the workspace loaded or saved last, if it still exists (the screen shows it). */
  active?: string;
}

/**
 * The link groups (which panel follows which colour, each colour's instrument) as every window of this
 * run shares them: a popped-out green ETH chart stays green and follows green in either window (issue 18).
 * `from` names the window that shared them (it ignores its own echo); `seq` counts shares since the start.
 */
export interface SharedLinks {
  links: WorkspaceLayout;
  from: string;
  seq: number;
}

/** A few dozen panels' groups and four instruments: far below this. */
export const MAX_LINKS_BYTES = 64 * 1024;

interface Stored {
  layout: WorkspaceLayout;
  savedAt: number;
}

const NAMED_SETTING = 'ui.workspaces';
const CURRENT_SETTING = 'ui.workspace.current';
const ACTIVE_SETTING = 'ui.workspace.active';
/** Bounds that keep the settings rows small whatever a client sends (the bridge schema has the same). */
export const MAX_WORKSPACES = 32;
export const MAX_WORKSPACE_NAME = 40;
/** A dockview layout of twenty panels with grid column states is well under 64 KB; 256 KB leaves room, not abuse. */
export const MAX_WORKSPACE_BYTES = 256 * 1024;

/**
 * Named workspaces and the screen as it was last left, in the settings store of the data directory
 * (kept by the engine, not the browser: a served UI's localStorage belongs to one origin and port).
 * "The current layout" is saved as the trader arranges and restored at start; named ones on request.
 * A stored value of the wrong shape is logged and ignored, so a damaged row never stops the terminal.
 */
export class Workspaces {
  // In memory: the main window's saved workspace keeps the links across restarts; this only joins the windows.
  private shared: SharedLinks | null = null;
  /**
   * The panel each pop-out window shows, by the viewer (a view's session) showing it: the main window numbers a
   * new chart past these (a reloaded main window does not remember what it popped out). A viewer shows one panel.
   */
  private readonly poppedOut = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  list(): WorkspacesView {
    const named = this.named();
    const saved = Object.entries(named)
      .map(([name, w]) => ({ name, savedAt: w.savedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const active = this.store.getSetting<unknown>(ACTIVE_SETTING);
    return typeof active === 'string' && named[active] !== undefined ? { saved, active } : { saved };
  }

  /** Saves under `name` (replacing one of that name), or, without a name, as the screen to restore at start. */
  save(name: string | undefined, layout: WorkspaceLayout): WorkspacesView {
    checkSize(layout);
    const entry: Stored = { layout, savedAt: this.clock.now() };
    if (name === undefined) {
      this.store.setSetting(CURRENT_SETTING, entry);
      return this.list();
    }
    const clean = checkName(name);
    const named = { ...this.named(), [clean]: entry };
    if (Object.keys(named).length > MAX_WORKSPACES) throw new SqError('INVALID_INPUT', `at most ${MAX_WORKSPACES} workspaces are kept; delete one first`);
    this.store.setSetting(NAMED_SETTING, named);
    this.store.setSetting(ACTIVE_SETTING, clean);
    return this.list();
  }

  /** A named workspace's layout (and it becomes the active one), or the screen as last left (null before any). */
  load(name: string | undefined): WorkspaceLayout | null {
    if (name === undefined) {
      const current = this.store.getSetting<unknown>(CURRENT_SETTING);
      if (current === undefined) return null;
      if (!isStored(current)) {
        this.logger.warn({ setting: CURRENT_SETTING }, 'stored workspace has an unexpected shape; ignored');
        return null;
      }
      return current.layout;
    }
    const found = this.named()[name];
    if (found === undefined) throw new SqError('INVALID_INPUT', `no workspace named "${name}"`);
    this.store.setSetting(ACTIVE_SETTING, name);
    return found.layout;
  }

  /** The link groups as the windows last shared them; null before any window shared (the main window does once it restored). */
  sharedLinks(): SharedLinks | null {
    return this.shared;
  }

  /** A window's link groups after a change, for the others (the bridge sends them to every view). */
  shareLinks(links: WorkspaceLayout, from: string): SharedLinks {
    const bytes = Buffer.byteLength(JSON.stringify(links), 'utf8');
    if (bytes > MAX_LINKS_BYTES) throw new SqError('INVALID_INPUT', `shared link groups are at most ${MAX_LINKS_BYTES / 1024} KB (these are ${Math.ceil(bytes / 1024)} KB)`);
    this.shared = { links, from, seq: (this.shared?.seq ?? 0) + 1 };
    return this.shared;
  }

  /** A pop-out window shows `panel` (told again on each connect); returns every panel open in a pop-out. */
  showPoppedOut(viewer: string, panel: string): string[] {
    this.poppedOut.set(viewer, panel);
    return this.poppedOutPanels();
  }

  /** A view went away: the panel it showed alone is free for a new one of the main window. */
  viewClosed(viewer: string): void {
    this.poppedOut.delete(viewer);
  }

  /** Panels open in pop-out windows now, each once, sorted. */
  poppedOutPanels(): string[] {
    return [...new Set(this.poppedOut.values())].sort();
  }

  delete(name: string): WorkspacesView {
    const named = { ...this.named() };
    if (named[name] === undefined) throw new SqError('INVALID_INPUT', `no workspace named "${name}"`);
    delete named[name];
    this.store.setSetting(NAMED_SETTING, named);
    return this.list();
  }

  private named(): Record<string, Stored> {
    const stored = this.store.getSetting<unknown>(NAMED_SETTING);
    if (stored === undefined) return {};
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
      this.logger.warn({ setting: NAMED_SETTING }, 'stored workspaces have an unexpected shape; ignored');
      return {};
    }
    const out: Record<string, Stored> = {};
    for (const [name, value] of Object.entries(stored)) {
      if (isStored(value)) out[name] = value;
      else this.logger.warn({ setting: NAMED_SETTING, workspace: name }, 'a stored workspace has an unexpected shape; ignored');
    }
    return out;
  }
}

function checkName(name: string): string {
  const clean = name.trim();
  if (clean.length === 0) throw new SqError('INVALID_INPUT', 'a workspace needs a name');
  if (clean.length > MAX_WORKSPACE_NAME) throw new SqError('INVALID_INPUT', `a workspace name is at most ${MAX_WORKSPACE_NAME} characters`);
  return clean;
}

function checkSize(layout: WorkspaceLayout): void {
  const bytes = Buffer.byteLength(JSON.stringify(layout), 'utf8');
  if (bytes > MAX_WORKSPACE_BYTES) throw new SqError('INVALID_INPUT', `a workspace layout is at most ${MAX_WORKSPACE_BYTES / 1024} KB (this one is ${Math.ceil(bytes / 1024)} KB)`);
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Stored>;
  return typeof v.savedAt === 'number' && typeof v.layout === 'object' && v.layout !== null && !Array.isArray(v.layout);
}
