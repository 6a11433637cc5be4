/**
 * A FileRecord <-> the compact JSON the index keeps. Usage events (nearly all of them: one per
 * assistant line) go in columns, their keys, models and scopes in per-file tables: about 60 bytes
 * an event instead of 250 as plain JSON; and the copies of one response in one file (a message of
 * several content blocks is several lines) are merged into one event that says how many it stands
 * for (76,364 usage events of a 1 GiB history -> 28,674). Other events keep their shape, with their
 * place in the file's order, so a decoded record replays in the order its lines were read.
 */
import type { Origin, Scope, TranscriptEvent, UsageEvent } from '../../parse/events.js';
import type { FileCounts, FileRecord, RecordAgent } from '../read/file-record.js';

/** Per usage event: key, time, model, scope, line, the six counts, and how many copies it stands for. */
const USAGE_WIDTH = 12;
const TIME = 1;
const LINE = 4;
const COUNTS = 5;
const COPIES = 11;

export interface EncodedRecord {
  readonly p: string;
  /** dev, ino, size, mtimeMs, ctimeMs */
  readonly id: readonly [number, number, number, number, number];
  readonly o: number;
  readonly n: number;
  readonly lt: number | null;
  readonly hh: string;
  readonly tp: string;
  readonly a: RecordAgent | null;
  readonly c: FileCounts;
  readonly sc: readonly Scope[];
  readonly k: readonly string[];
  readonly m: readonly string[];
  readonly u: readonly number[];
  /** Other events: [place in the file's order, the event with its scope as an index and its origin as a line]. */
  readonly e: ReadonlyArray<readonly [number, Record<string, unknown>]>;
  readonly r: readonly number[];
}

export function encodeRecord(record: FileRecord): EncodedRecord {
  const scopes = new Table<Scope>((s) => `${s.sessionId}\u0000${s.agentId ?? ''}\u0000${String(s.isSidechain)}\u0000${s.project}\u0000${s.cwd ?? '\u0001'}\u0000${s.version ?? '\u0001'}`);
  const keys = new Table<string>((k) => k);
  const models = new Table<string>((m) => m);
  const usage: number[] = [];
  const others: Array<readonly [number, Record<string, unknown>]> = [];
  /** Where each (key, model, scope) group's merged event is in `usage`. */
  const groups = new Map<string, number>();
  let place = 0;
  for (const event of record.events) {
    if (event.kind === 'usage' && event.origin.file === record.path) {
      const u = event.usage;
      const k = keys.indexOf(event.key);
      const m = models.indexOf(event.model);
      const sc = scopes.indexOf(event.scope);
      const group = `${k}:${m}:${sc}`;
      const at = groups.get(group);
      if (at === undefined) {
        groups.set(group, usage.length);
        usage.push(k, event.time, m, sc, event.origin.line, u.input, u.output, u.cacheCreation, u.cacheRead, u.cacheCreation5m, u.cacheCreation1h, event.copies ?? 1);
        place += 1;
      } else {
        mergeCopy(usage, at, event);
      }
      continue;
    }
    const origin: Origin = event.origin;
    others.push([place, { ...event, scope: scopes.indexOf(event.scope), origin: origin.file === record.path ? origin.line : origin }]);
    place += 1;
  }
  const { identity: i } = record;
  return {
    p: record.path,
    id: [i.dev, i.ino, i.size, i.mtimeMs, i.ctimeMs],
    o: record.offset,
    n: record.lineNo,
    lt: record.lastTime ?? null,
    hh: record.headHash,
    tp: record.tailPrint,
    a: record.agent ?? null,
    c: record.counts,
    sc: scopes.values,
    k: keys.values,
    m: models.values,
    u: usage,
    e: others,
    r: record.unknownResults,
  };
}

/** Throws on a record that is not of this shape (the caller treats the index as corrupt). */
export function decodeRecord(encoded: EncodedRecord): FileRecord {
  const { p: path, sc: scopes, k: keys, m: models, u: usage, e: others } = encoded;
  const total = usage.length / USAGE_WIDTH + others.length;
  if (!Number.isInteger(total)) throw new Error(`record of ${path}: usage columns cut short`);
  const events = new Array<TranscriptEvent | undefined>(total);
  for (const [place, fields] of others) {
    const origin = typeof fields.origin === 'number' ? { file: path, line: fields.origin } : fields.origin;
    events[place] = { ...fields, scope: scopeAt(scopes, fields.scope), origin } as unknown as TranscriptEvent;
  }
  let place = 0;
  for (let j = 0; j < usage.length; j += USAGE_WIDTH) {
    while (events[place] !== undefined) place += 1;
    const event: UsageEvent = {
      kind: 'usage',
      key: keys[usage[j] as number] as string,
      time: usage[j + 1] as number,
      model: models[usage[j + 2] as number] as string,
      scope: scopeAt(scopes, usage[j + 3]),
      origin: { file: path, line: usage[j + 4] as number },
      usage: { input: usage[j + 5] as number, output: usage[j + 6] as number, cacheCreation: usage[j + 7] as number, cacheRead: usage[j + 8] as number, cacheCreation5m: usage[j + 9] as number, cacheCreation1h: usage[j + 10] as number },
      ...(usage[j + COPIES] === 1 ? {} : { copies: usage[j + COPIES] }),
    };
    if (typeof event.key !== 'string' || typeof event.model !== 'string') throw new Error(`record of ${path}: a usage event names no key or model`);
    events[place] = event;
  }
  if (events.includes(undefined)) throw new Error(`record of ${path}: events out of place`);
  const [dev, ino, size, mtimeMs, ctimeMs] = encoded.id;
  return {
    path,
    identity: { dev, ino, size, mtimeMs, ctimeMs },
    offset: encoded.o,
    lineNo: encoded.n,
    lastTime: encoded.lt ?? undefined,
    headHash: encoded.hh,
    tailPrint: encoded.tp,
    agent: encoded.a ?? undefined,
    counts: encoded.c,
    events: events as TranscriptEvent[],
    unknownResults: encoded.r,
  };
}

/**
 * One more copy into a group's event, by the counting rule's own terms, so that the ledger makes the
 * same record of the merged event as of the copies: per-field maximum; the earliest copy's time and
 * line (the first in file order among equal times, as arrival order breaks that tie in the ledger).
 * Copies of one group share model and scope, so "earliest" needs no other tie-break.
 */
function mergeCopy(usage: number[], at: number, event: UsageEvent): void {
  const u = event.usage;
  const counts = [u.input, u.output, u.cacheCreation, u.cacheRead, u.cacheCreation5m, u.cacheCreation1h];
  for (let f = 0; f < counts.length; f++) usage[at + COUNTS + f] = Math.max(usage[at + COUNTS + f] as number, counts[f] as number);
  if (event.time < (usage[at + TIME] as number)) {
    usage[at + TIME] = event.time;
    usage[at + LINE] = event.origin.line;
  }
  usage[at + COPIES] = (usage[at + COPIES] as number) + (event.copies ?? 1);
}

function scopeAt(scopes: readonly Scope[], index: unknown): Scope {
  const scope = typeof index === 'number' ? scopes[index] : undefined;
  if (scope === undefined) throw new Error('an event names no scope');
  return scope;
}

/** Values in first-seen order, each with its index. */
class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly keyOf: (value: T) => string) {}
  indexOf(value: T): number {
    const key = this.keyOf(value);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(key, i);
    }
    return i;
  }
}
