// The hold sightings of every agent of this user, in one small JSON file, so hold timers tell
// the truth across sign-out, sign-in and restarts (the app keeps it in its user-data directory,
// the CLI in a per-user state directory). Written atomically (temp file + rename, through
// `atomically`, the writer electron-store already relies on) so a crash mid-write never leaves
// half a file; bounded, and pruned of sightings older than a day. A file that cannot be read or
// written costs only persistence: the timers keep running from memory.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileSync } from 'atomically';
import { isCallId } from '../../shared/model';
import { systemClock, type Clock } from './clock';
import { MemorySightings, SIGHTING_MAX_AGE_MS, type HoldSightings, type Sighting } from './hold-sightings';

/** Far more held calls than any agent has; the bound only keeps a damaged or abused file small. */
export const MAX_SIGHTINGS = 1_000;
const MAX_SCOPES = 50;
const MAX_SCOPE_LENGTH = 300;
const FORMAT = 1;

interface FileShape {
  version: typeof FORMAT;
  /** scope ("gateway agent") → callid → sighting */
  scopes: Record<string, Record<string, Sighting>>;
}

export class HoldTimesFile {
  private readonly scopes = new Map<string, Map<string, Sighting>>();
  /** Why the last read or write failed, for diagnostics; persistence is best effort. */
  problem?: string;

  private constructor(
    readonly path: string,
    private readonly clock: Clock,
  ) {}

  /** Reads the file now (a missing or unreadable file starts empty). */
  static open(path: string, clock: Clock = systemClock): HoldTimesFile {
    const file = new HoldTimesFile(path, clock);
    file.load();
    return file;
  }

  /** The sightings of one agent on one gateway. */
  scope(name: string): HoldSightings {
    const key = name.slice(0, MAX_SCOPE_LENGTH);
    let entries = this.scopes.get(key);
    if (!entries) {
      entries = new Map();
      this.scopes.set(key, entries);
    }
    return new MemorySightings(entries, () => this.save());
  }

  private load(): void {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = `read: ${(error as Error).message}`;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      this.problem = 'read: not valid JSON; starting empty';
      return;
    }
    const scopes = (data as Partial<FileShape> | null)?.scopes;
    if (typeof scopes !== 'object' || scopes === null) return;
    for (const [name, calls] of Object.entries(scopes).slice(0, MAX_SCOPES)) {
      if (typeof calls !== 'object' || calls === null || name.length > MAX_SCOPE_LENGTH) continue;
      const entries = new Map<string, Sighting>();
      for (const [callid, value] of Object.entries(calls as Record<string, unknown>)) {
        const s = value as Partial<Sighting> | null;
        if (isCallId(callid) && typeof s?.heldSince === 'number' && Number.isFinite(s.heldSince) && typeof s.exact === 'boolean') {
          entries.set(callid, { heldSince: s.heldSince, exact: s.exact });
        }
      }
      this.scopes.set(name, entries);
    }
    this.prune();
  }

  /** Drops sightings older than a day, then the oldest beyond the bound. */
  private prune(): void {
    const now = this.clock.now();
    const all: Array<{ entries: Map<string, Sighting>; callid: string; heldSince: number }> = [];
    for (const entries of this.scopes.values()) {
      for (const [callid, s] of entries) {
        if (now - s.heldSince > SIGHTING_MAX_AGE_MS) entries.delete(callid);
        else all.push({ entries, callid, heldSince: s.heldSince });
      }
    }
    if (all.length > MAX_SIGHTINGS) {
      all.sort((a, b) => a.heldSince - b.heldSince);
      for (const old of all.slice(0, all.length - MAX_SIGHTINGS)) old.entries.delete(old.callid);
    }
  }

  private save(): void {
    this.prune();
    const shape: FileShape = { version: FORMAT, scopes: {} };
    for (const [name, entries] of this.scopes) {
      if (entries.size > 0) shape.scopes[name] = Object.fromEntries(entries);
    }
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(this.path, JSON.stringify(shape), { mode: 0o600 });
      this.problem = undefined;
    } catch (error) {
      this.problem = `write: ${(error as Error).message}`;
    }
  }
}
