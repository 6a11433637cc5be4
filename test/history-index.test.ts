/**
 * The persistent index at the pipeline's layer: records round-trip, every reason to distrust one,
 * a corrupt index file, and records that do not depend on the order files are read in.
 */
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryIndex, INDEX_FILE } from '../src/pipeline/history/history-index.js';
import { loadHistory, type LoadedHistory } from '../src/pipeline/history/load-history.js';
import { decodeRecord, encodeRecord } from '../src/pipeline/history/record-codec.js';
import { emptyFileCounts, type FileRecord } from '../src/pipeline/read/file-record.js';
import { UsageLedger } from '../src/metrics/usage-ledger.js';
import type { TranscriptEvent, UsageEvent } from '../src/parse/events.js';
import { parseLine } from '../src/parse/parse-line.js';
import { readRecord } from '../src/pipeline/read/record-reader.js';
import { ScratchBuffer } from '../src/sources/file-tailer.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { writeHistory } from '../src/synth/write-history.js';
import { agentResultLine, assistantLine, jsonl, retryLine, syntheticLine, taskToolUse } from './helpers/lines.js';

let dir: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentop-index-'));
  cache = join(dir, 'cache');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BUILD = 'test-build';
const T = (s: number): string => new Date(Date.parse('2026-11-30T10:00:00Z') + s * 1000).toISOString();

function session(name: string, lines: readonly string[]): string {
  const file = join(dir, 'projects', '-home-dev-app', `${name}.jsonl`);
  writeFileSync(file, jsonl(lines), { flag: 'w' });
  return file;
}

function write(file: string, text: string): void {
  writeFileSync(file, text);
}

/** What a report is made of: the ledger's totals and records, the counts, the sub-agents. */
function essence(h: LoadedHistory): unknown {
  const responses = [...h.ledger.usage.values()].map((r) => ({ ...r })).sort((a, b) => a.key.localeCompare(b.key));
  const { notices, ...counts } = h.stats;
  return {
    responses,
    counts,
    notices: notices.length,
    spawns: [...h.ledger.spawns.keys()].sort(),
    finishes: [...h.ledger.finishes.keys()].sort(),
    limits: [...h.ledger.limits.keys()].sort(),
    retries: [...h.ledger.retries.keys()].sort(),
    apiErrors: [...h.ledger.apiErrors.keys()].sort(),
    agents: h.agentFiles.map((a) => ({ ...a })),
  };
}

async function load(files: readonly string[], useIndex = true): Promise<LoadedHistory> {
  return loadHistory(files, { index: useIndex ? await HistoryIndex.open(cache, BUILD) : undefined });
}

function a(id: string, s: number, output: number, sessionId = 'sess-1'): string {
  return assistantLine({ messageId: id, timestamp: T(s), output, input: 3, cacheRead: 1000, cacheCreation: 200, sessionId });
}

describe('the persistent index', () => {
  beforeEach(() => mkdirp(join(dir, 'projects', '-home-dev-app')));

  it('gives back a record equal to the one it was given (round trip through its text)', () => {
    const file = session('sess-1', [
      a('msg_1', 0, 10),
      assistantLine({ messageId: 'msg_2', timestamp: T(5), output: 7, content: [taskToolUse('toolu_A', 'look around')] }),
      agentResultLine({ toolUseId: 'toolu_A', agentId: 'ag1', timestamp: T(30) }),
      retryLine({ attempt: 1, timestamp: T(31) }),
      syntheticLine({ text: "You've hit your limit · resets 3pm (UTC)", timestamp: T(40) }),
      a('msg_3', 50, 12),
    ]);
    const read = readRecord(file, undefined, new ScratchBuffer());
    const record = read.record;
    expect(record?.events.length).toBeGreaterThanOrEqual(6);
    const back = decodeRecord(JSON.parse(JSON.stringify(encodeRecord(record!))) as ReturnType<typeof encodeRecord>);
    expect(back).toEqual(record);
    expect(back.events.map((e) => e.kind)).toEqual(record!.events.map((e) => e.kind));
  });

  it('cold, warm and without it: the same history, and the warm run reads no byte', async () => {
    const files = [session('sess-1', [a('msg_1', 0, 10), a('msg_1', 1, 11), a('msg_2', 9, 5)]), session('sess-2', [a('msg_9', 3, 4, 'sess-2'), a('msg_1', 2, 10, 'sess-2')])];
    const cold = await load(files);
    expect(cold.index).toMatchObject({ read: 2, reused: 0 });
    const warm = await load(files);
    expect(warm.index).toMatchObject({ read: 0, reused: 2, bytesRead: 0 });
    expect(essence(warm)).toEqual(essence(cold));
    expect(essence(await load(files, false))).toEqual(essence(cold));
  });

  it('reads on from where it stopped when a file grew, and only the new bytes', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10), a('msg_2', 9, 5)]);
    await load([file]);
    const before = readFileSync(file).length;
    appendFileSync(file, `${a('msg_3', 20, 6)}\n${a('msg_2', 21, 8)}\n`);
    const grown = await load([file]);
    expect(grown.index).toMatchObject({ grown: 1, read: 0, bytesRead: readFileSync(file).length - before });
    expect(essence(grown)).toEqual(essence(await load([file], false)));
    expect(grown.ledger.usage.get('msg_2')?.output).toBe(8);
  });

  it('reads a file again from its start when it was truncated, replaced or rewritten in place', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10), a('msg_2', 9, 5), a('msg_3', 19, 5)]);
    const check = async (change: () => void): Promise<void> => {
      await load([file]);
      change();
      const after = await load([file]);
      expect(after.index?.read).toBe(1);
      expect(essence(after)).toEqual(essence(await load([file], false)));
    };
    // Truncated: a shorter file.
    await check(() => write(file, jsonl([a('msg_1', 0, 10)])));
    // Replaced: another file renamed over it (a new inode), longer than the old.
    await check(() => {
      const other = join(dir, 'other.jsonl');
      write(other, jsonl([a('msg_7', 0, 70), a('msg_8', 5, 80), a('msg_9', 7, 90)]));
      renameSync(other, file);
    });
    // Rewritten in place to the same size (a count changed in the middle): no append keeps the size.
    await check(() => write(file, readFileSync(file, 'utf8').replace('"output_tokens":80', '"output_tokens":81')));
    // Rewritten and grown, its old bytes changed: the bytes before the old end differ.
    await check(() => write(file, `${readFileSync(file, 'utf8').replace('"output_tokens":90', '"output_tokens":99')}${a('msg_10', 30, 1)}\n`));
    // Truncated and regrown past its old size between two runs.
    await check(() => {
      truncateSync(file, 0);
      appendFileSync(file, jsonl([a('msg_20', 0, 1), a('msg_21', 1, 2), a('msg_22', 2, 3), a('msg_23', 3, 4), a('msg_24', 4, 5)]));
    });
  });

  it('checks the prints when only the change time moved, and reads again when the size stayed but the file was written', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10), a('msg_2', 9, 5)]);
    await load([file]);
    // A chmod moves ctime only: the head and the bytes before the offset are checked, nothing is read.
    chmodSync(file, 0o600);
    const chmodded = await load([file]);
    expect(chmodded.index).toMatchObject({ read: 0, bytesRead: 0 });
    // Written at the same size (mtime moved): an append would have grown it, so it is read whole.
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const touched = await load([file]);
    expect(touched.index).toMatchObject({ read: 1 });
    expect(essence(touched)).toEqual(essence(await load([file], false)));
  });

  it('keeps an unfinished last line out of the record and reads it each time until it ends', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10)]);
    appendFileSync(file, a('msg_2', 5, 4));
    const first = await load([file]);
    expect(first.stats.partialLines).toBe(1);
    expect(first.ledger.usage.get('msg_2')?.output).toBe(4);
    appendFileSync(file, `\n${a('msg_3', 9, 2)}\n`);
    const later = await load([file]);
    expect(essence(later)).toEqual(essence(await load([file], false)));
    expect(later.stats.partialLines).toBe(0);
  });

  it('rebuilds a corrupt, cut short or foreign index with the reason, and never trusts it', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10), a('msg_2', 9, 5)]);
    const truth = essence(await load([file], false));
    const indexFile = join(cache, INDEX_FILE);
    const damages: Array<[string, (text: Buffer) => Buffer]> = [
      // A figure changed in the body, its size kept: what a disk error or a stray writer would leave.
      ['checksum', (t) => Buffer.concat([t.subarray(0, 256), Buffer.from(t.subarray(256).toString('latin1').replace('"n":2', '"n":3'), 'latin1')])],
      ['cut short', (t) => t.subarray(0, t.length - 40)],
      ['written twice at once', (t) => Buffer.concat([t, t.subarray(256)])],
      ['unreadable header', (t) => Buffer.concat([Buffer.from('{{'), t.subarray(2)])],
      ['no header', () => Buffer.from('garbage')],
    ];
    for (const [what, damage] of damages) {
      await load([file]);
      writeFileSync(indexFile, damage(readFileSync(indexFile)));
      const again = await load([file]);
      expect(again.index?.rebuilt, what).toMatch(/corrupt|unreadable/);
      expect(again.index?.read, what).toBe(1);
      expect(essence(again), what).toEqual(truth);
      // And the rebuilt index is good again.
      expect((await load([file])).index, what).toMatchObject({ rebuilt: undefined, reused: 1 });
    }
  });

  it('is not used across builds: a record of another build is never trusted', async () => {
    const file = session('sess-1', [a('msg_1', 0, 10)]);
    await load([file]);
    const other = await loadHistory([file], { index: await HistoryIndex.open(cache, 'another-build') });
    expect(other.index?.rebuilt).toMatch(/another tokentop build/);
    expect(other.index?.read).toBe(1);
  });

  it('drops records past its bound, those not read in this run first, and says how many', async () => {
    const files = [session('sess-1', [a('msg_1', 0, 10)]), session('sess-2', [a('msg_2', 0, 10, 'sess-2')]), session('sess-3', [a('msg_3', 0, 10, 'sess-3')])];
    await load(files);
    const bound = readFileSync(join(cache, INDEX_FILE)).length - 256 - 200;
    const small = await loadHistory([files[2]!], { index: await HistoryIndex.open(cache, BUILD, bound) });
    expect(small.index?.dropped).toBeGreaterThanOrEqual(1);
    const after = await HistoryIndex.open(cache, BUILD);
    expect(after.get(files[2]!)).toBeDefined();
    expect(readFileSync(join(cache, INDEX_FILE)).length).toBeLessThanOrEqual(bound + 256);
  });
});

describe('records read apart', () => {
  beforeEach(() => mkdirp(join(dir, 'projects', '-home-dev-app')));

  it('settle a tool result whose spawn is in another file, in either order', async () => {
    // A resumed session: the spawn is in the old file, its result only in the new one.
    const spawnFile = session('sess-old', [assistantLine({ messageId: 'msg_s', timestamp: T(0), output: 3, sessionId: 'sess-old', content: [taskToolUse('toolu_X', 'survey the code')] })]);
    const resultFile = session('sess-new', [agentResultLine({ toolUseId: 'toolu_X', agentId: 'agx', timestamp: T(60), sessionId: 'sess-new' }), a('msg_n', 61, 5, 'sess-new')]);
    const forward = await load([spawnFile, resultFile], false);
    const backward = await load([resultFile, spawnFile], false);
    expect([...forward.ledger.finishes.keys()]).toEqual(['toolu_X']);
    expect([...backward.ledger.finishes.keys()]).toEqual(['toolu_X']);
    expect(backward.stats.parsedLines).toBe(forward.stats.parsedLines);
    // And through the index, warm.
    await load([resultFile, spawnFile]);
    expect([...(await load([resultFile, spawnFile])).ledger.finishes.keys()]).toEqual(['toolu_X']);
  });

  it('give the same history as one reader on a synthetic history, cold and warm', async () => {
    const root = join(dir, 'synth');
    writeHistory(root, { seed: 7, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: 3 * 1024 * 1024 });
    const files = (await findTranscripts([root])).files;
    const plain = essence(await load(files, false));
    const cold = await load(files);
    expect(essence(cold)).toEqual(plain);
    const warm = await load([...files].reverse());
    expect(warm.index?.reused).toBe(files.length);
    const w = essence(warm) as { agents: unknown[]; responses: unknown[] };
    const p = plain as { agents: unknown[]; responses: unknown[] };
    expect(w.responses).toEqual(p.responses);
    expect(new Set(w.agents.map((x) => JSON.stringify(x)))).toEqual(new Set(p.agents.map((x) => JSON.stringify(x))));
  });
});

function mkdirp(path: string): void {
  mkdirSync(path, { recursive: true });
}

describe('copies merged in a record', () => {
  it('make the same ledger as the copies one by one, in any order, with copies in other files', () => {
    // Seeded: copies of 12 responses over 3 files, times and counts shuffled, some with another model or session.
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const files: Array<Array<UsageEvent>> = [[], [], []];
    // Times unique, and out of order within a file: a tie at one time is broken by arrival in the ledger itself.
    const used = new Set<number>();
    const time = (): string => {
      let t = rnd(1000);
      while (used.has(t)) t = rnd(1000);
      used.add(t);
      return T(t);
    };
    for (let k = 0; k < 12; k++) {
      for (let c = 0; c < 1 + rnd(5); c++) {
        const f = rnd(3);
        const line = assistantLine({ messageId: `msg_${k}`, timestamp: time(), output: rnd(100), input: rnd(3), cacheRead: rnd(1000), sessionId: rnd(4) === 0 ? 'sess-b' : 'sess-a', model: rnd(5) === 0 ? 'claude-haiku-4-5' : 'claude-opus-4-6' });
        const out = parseLine(line, { file: `/f${f}.jsonl`, line: files[f]!.length + 1, pathSessionId: undefined, pathAgentId: undefined, project: 'p' });
        if (out.status !== 'ok') throw new Error('fixture line did not parse');
        for (const e of out.events) if (e.kind === 'usage') files[f]!.push(e);
      }
    }
    const record = (f: number): FileRecord => ({ path: `/f${f}.jsonl`, identity: { dev: 1, ino: f, size: 1, mtimeMs: 1, ctimeMs: 1 }, offset: 1, lineNo: 1, lastTime: undefined, headHash: '', tailPrint: '', agent: undefined, counts: emptyFileCounts(), events: files[f]!, unknownResults: [] });
    const merged = [0, 1, 2].map((f) => decodeRecord(JSON.parse(JSON.stringify(encodeRecord(record(f)))) as ReturnType<typeof encodeRecord>).events);
    expect(merged.flat().length).toBeLessThan(files.flat().length);
    const ledgerOf = (events: ReadonlyArray<TranscriptEvent>): unknown => {
      const ledger = new UsageLedger();
      for (const e of events) if (e.kind === 'usage') ledger.add(e);
      return [...ledger.values()].map((r) => ({ ...r })).sort((a, b) => a.key.localeCompare(b.key));
    };
    const truth = ledgerOf(files.flat());
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      expect(ledgerOf(order.flatMap((f) => merged[f]!))).toEqual(truth);
      expect(ledgerOf(order.flatMap((f) => [...files[f]!].reverse()))).toEqual(truth);
    }
  });
});
