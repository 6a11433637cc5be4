// `npm run bench`: summary's wall time and peak RSS beside ccusage 20.0.24 on the same files in the
// same run: cold (an empty index), warm (nothing changed) and after 1% new lines were appended to 10%
// of the files, at each size of BENCH_SIZES (MiB of synthetic history, or `real` for the public
// transcripts of ../shared/data/real/transcripts, BENCH_REAL to name another dir; default
// 32,512,1024,4096,real; BENCH_MIB=N for one size). Runs are interleaved pairs (ccusage, then
// tokentop), BENCH_RUNS of them (default 3): the machine's speed drifts, a pair's two runs meet the
// same drift. Then the cold scaling: both tools pinned with `taskset` to 1, 2, 4 … cores up to all of
// them, at the sizes of BENCH_SCALING (default 512,1024; `none` to skip).
// Synthetic histories are generated once into bench/.data/; the real sample is copied to a temporary
// dir (ccusage reads CLAUDE_CONFIG_DIR/projects, and the appends must not touch the original) and
// removed after; the appended lines are cut off again after each pair.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, appendFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { writeHistory } from '../dist/synth/write-history.js';
import { ensureCcusage } from './ensure-ccusage.mjs';
import { measure } from './measure-process.mjs';

const MIB = 1024 * 1024;
const sizes = (process.env.BENCH_MIB ?? process.env.BENCH_SIZES ?? '32,512,1024,4096,real').split(',').map((s) => (s === 'real' ? s : Number(s)));
const scalingSizes = (process.env.BENCH_SCALING ?? '512,1024').split(',').filter((s) => s !== 'none').map(Number);
const realSource = process.env.BENCH_REAL ?? fileURLToPath(new URL('../../shared/data/real/transcripts', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const seed = 20261121;
const root = fileURLToPath(new URL('.', import.meta.url));
const cli = fileURLToPath(new URL('../dist/bin/tokentop.mjs', import.meta.url));
const cacheHome = join(root, '.data', 'cache');

function ensureHistory(sizeMiB) {
  const dataDir = join(root, '.data', `history-${seed}-${sizeMiB}MiB`);
  const truthFile = `${dataDir}.truth.json`;
  if (existsSync(truthFile) && existsSync(dataDir)) return { dataDir, written: JSON.parse(readFileSync(truthFile, 'utf8')) };
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  console.log(`generating a ${sizeMiB} MiB history in ${dataDir} …`);
  const t = performance.now();
  const written = writeHistory(dataDir, { seed, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: sizeMiB * MIB });
  console.log(`  ${written.files} files, ${written.sessions} sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(truthFile, JSON.stringify(written));
  return { dataDir, written };
}

function transcripts(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jsonl')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Read every file once so both tools meet a warm page cache. */
function warmPageCache(files) {
  let bytes = 0;
  for (const f of files) bytes += readFileSync(f).length;
  return bytes;
}

/**
 * Append 1% new lines to every tenth file: copies of its last assistant line under new message and
 * request ids (new responses for both tools). Returns what to cut back and the tokens added.
 */
function appendLines(files, round) {
  const added = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0 };
  const cut = [];
  for (let i = round % 10; i < files.length; i += 10) {
    const file = files[i];
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const last = [...lines].reverse().find((l) => l.includes('"type":"assistant"') && l.includes('"usage"'));
    if (last === undefined) continue;
    const usage = JSON.parse(last).message.usage;
    const n = Math.max(1, Math.round(lines.length / 100));
    let more = '';
    for (let k = 0; k < n; k++) {
      const id = `bench${round}x${i}x${k}`;
      more += `${last.replace(/"id":"msg_[^"]*"/, `"id":"msg_${id}"`).replace(/"requestId":"[^"]*"/, `"requestId":"req_${id}"`)}\n`;
      added.input += usage.input_tokens;
      added.output += usage.output_tokens;
      added.cacheCreation += usage.cache_creation_input_tokens ?? 0;
      added.cacheRead += usage.cache_read_input_tokens ?? 0;
    }
    cut.push({ file, size: statSync(file).size });
    appendFileSync(file, more);
  }
  return { added, cut };
}


/** `taskset -c 0-(cores-1)` before a command, or nothing. */
const pinned = (cores, command, args) => (cores === undefined ? [command, args] : ['taskset', ['-c', `0-${cores - 1}`, command, ...args]]);

async function tokentop(dataDir, cache, cores) {
  const [command, args] = pinned(cores, process.execPath, [cli, 'summary', dataDir, '--json', '--no-statusline']);
  const r = await measure(command, args, { TOKENTOP_REPORT_RSS: '1', XDG_CACHE_HOME: cache });
  if (r.code !== 0) throw new Error(`tokentop failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  return { ms: r.ms, rssKiB: Number(/tokentop-max-rss-kib (\d+)/.exec(r.stderr)?.[1]), totals: json.totals, index: json.index };
}

async function ccusage(binary, dataDir, cores) {
  const [command, args] = pinned(cores, binary, ['daily', '--json', '--offline']);
  const r = await measure(command, args, { CLAUDE_CONFIG_DIR: dataDir });
  if (r.code !== 0) throw new Error(`ccusage failed: ${r.stderr}`);
  const t = JSON.parse(r.stdout).totals;
  return { ms: r.ms, rssKiB: r.peakKiB ?? 0, totals: { input: t.inputTokens, output: t.outputTokens, cacheCreation: t.cacheCreationTokens, cacheRead: t.cacheReadTokens } };
}

/**
 * The real sample under <tmp>/projects, its tree kept but for dot dirs (`.claude` -> `_claude`:
 * ccusage's glob does not enter them), so that both tools read the same files.
 */
function copyReal(source) {
  const dir = mkdtempSync(join(tmpdir(), 'tokentop-bench-real-'));
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const to = relative(source, p).split('/').map((seg) => (seg.startsWith('.') ? `_${seg.slice(1)}` : seg));
        cpSync(p, join(dir, 'projects', ...to));
      }
    }
  };
  walk(source);
  return dir;
}

const same = (a, b) => a.input === b.input && a.output === b.output && a.cacheCreation === b.cacheCreation && a.cacheRead === b.cacheRead;
const plus = (a, b) => ({ input: a.input + b.input, output: a.output + b.output, cacheCreation: a.cacheCreation + b.cacheCreation, cacheRead: a.cacheRead + b.cacheRead });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${(Math.min(...values) / 1000).toFixed(2)}-${(Math.max(...values) / 1000).toFixed(2)}`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Cold, warm and appended pairs on one history; `truth` is the synthetic history's, or undefined for the real sample. */
async function pairs(binary, label, dataDir, truth) {
  const files = transcripts(dataDir);
  const mib = warmPageCache(files) / MIB;
  console.log(`\n${label}: ${mib.toFixed(0)} MiB in ${files.length} transcripts${truth === undefined ? '' : `; truth ${JSON.stringify(truth)}`}`);
  const rows = { ccusage: [], cold: [], ccusageAppended: [], warm: [], appended: [] };
  let exact = true;
  let agree = true;
  for (let round = 0; round < runs; round++) {
    const cache = join(cacheHome, label);
    rmSync(cache, { recursive: true, force: true });
    const theirs = await ccusage(binary, dataDir);
    const cold = await tokentop(dataDir, cache);
    const warm = await tokentop(dataDir, cache);
    const { added, cut } = appendLines(files, round);
    let appended;
    let theirsAppended;
    try {
      theirsAppended = await ccusage(binary, dataDir);
      appended = await tokentop(dataDir, cache);
    } finally {
      for (const { file, size } of cut) truncateSync(file, size);
    }
    // Synthetic: every total equals the truth. Real: no truth is known, so each tool must agree with
    // itself (warm = cold, appended = cold + what was appended); the two tools may count differently.
    const base = truth ?? cold.totals;
    const ok = same(cold.totals, base) && same(warm.totals, base) && same(appended.totals, plus(base, added)) && same(theirsAppended.totals, plus(theirs.totals, added)) && (truth === undefined || same(theirs.totals, truth));
    exact &&= ok;
    agree &&= same(theirs.totals, cold.totals);
    for (const [k, v] of Object.entries({ ccusage: theirs, cold, warm, ccusageAppended: theirsAppended, appended })) rows[k].push(v);
    console.log(
      `  pair ${round + 1}: ccusage ${seconds(theirs.ms)} | cold ${seconds(cold.ms)} ${(cold.rssKiB / 1024).toFixed(0)} MiB ${cold.index.threads} threads | warm ${seconds(warm.ms)} | ` +
        `appended (${cut.length} files, ${(appended.index.bytesRead / MIB).toFixed(1)} MiB read) ${seconds(appended.ms)} vs ccusage ${seconds(theirsAppended.ms)} | totals ${ok ? 'exact' : 'WRONG'}`,
    );
  }
  if (!agree) console.log(`  the two tools' totals differ here: ccusage ${JSON.stringify(rows.ccusage[0].totals)}, tokentop ${JSON.stringify(rows.cold[0].totals)}`);
  const ms = (k) => rows[k].map((r) => r.ms);
  const rss = (k) => Math.max(...rows[k].map((r) => r.rssKiB)) / 1024;
  const cell = (k) => ({ median: median(ms(k)), range: range(ms(k)), rss: rss(k) });
  return { label, mib, files: files.length, ccusage: cell('ccusage'), cold: cell('cold'), warm: cell('warm'), appended: cell('appended'), ccusageAppended: cell('ccusageAppended'), indexBytes: rows.warm[0].index.bytes, exact, agree };
}

/** 1, 2, 4 … cores, and all of them. */
function coreSteps(all) {
  const steps = [];
  for (let k = 1; k < all; k *= 2) steps.push(k);
  return [...steps, all];
}

/** Cold runs of both tools pinned to each step of cores, in interleaved pairs. */
async function scaling(binary, label, dataDir) {
  const out = [];
  for (const cores of coreSteps(availableParallelism())) {
    const theirs = [];
    const ours = [];
    let threads = 0;
    for (let round = 0; round < runs; round++) {
      const cache = join(cacheHome, `${label}-pinned`);
      rmSync(cache, { recursive: true, force: true });
      theirs.push((await ccusage(binary, dataDir, cores)).ms);
      const cold = await tokentop(dataDir, cache, cores);
      ours.push(cold.ms);
      threads = cold.index.threads;
    }
    const row = { label, cores, threads, ccusage: median(theirs), ccusageRange: range(theirs), tokentop: median(ours), tokentopRange: range(ours) };
    console.log(`  ${label} on ${cores} core(s): ccusage ${seconds(row.ccusage)} (${row.ccusageRange}) | tokentop ${seconds(row.tokentop)} (${row.tokentopRange}), ${threads} read threads | ${(row.tokentop / row.ccusage).toFixed(2)}x`);
    out.push(row);
  }
  return out;
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version };
console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}`);
const binary = ensureCcusage();
const table = [];
const scaled = [];
for (const size of sizes) {
  if (size === 'real') {
    if (!existsSync(realSource)) {
      console.log(`\nreal: ${realSource} is not here; skipped`);
      continue;
    }
    const dataDir = copyReal(realSource);
    try {
      table.push(await pairs(binary, 'real', dataDir, undefined));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    continue;
  }
  const { dataDir, written } = ensureHistory(size);
  table.push(await pairs(binary, `${size} MiB`, dataDir, written.truth));
}
if (scalingSizes.length > 0 && !hasTaskset()) console.log('\nno taskset here: the cold scaling is skipped');
else {
  if (scalingSizes.length > 0) console.log('\ncold, pinned with taskset (tokentop reads on a thread per core it is given)');
  for (const size of scalingSizes) scaled.push(...(await scaling(binary, `${size} MiB`, ensureHistory(size).dataDir)));
}

console.log(`\nmedians of ${runs} interleaved pairs (ranges in s), warm page cache; ratio = tokentop's time / ccusage's`);
console.log('history  ccusage          cold (empty index)          warm (nothing changed)      1% appended to 10%          index   totals');
for (const r of table) {
  const cell = (x, base) => `${(x.median / 1000).toFixed(2)} s ${(x.median / base).toFixed(2)}x ${x.rss.toFixed(0)} MiB`.padEnd(28);
  console.log(
    `${(r.label === 'real' ? `real ${r.mib.toFixed(0)}` : `${r.mib.toFixed(0)} MiB`).padEnd(9)}${`${(r.ccusage.median / 1000).toFixed(2)} s ${r.ccusage.rss.toFixed(0)} MiB`.padEnd(17)}${cell(r.cold, r.ccusage.median)}${cell(r.warm, r.ccusage.median)}${cell(r.appended, r.ccusageAppended.median)}${`${(r.indexBytes / MIB).toFixed(1)} MiB`.padEnd(10)}${r.exact ? 'exact' : 'WRONG'}`,
  );
}
if (scaled.length > 0) {
  console.log('\ncold scaling: history, cores, ccusage, tokentop (read threads), ratio');
  for (const r of scaled) console.log(`${r.label.padEnd(9)}${String(r.cores).padEnd(4)}${seconds(r.ccusage).padEnd(9)}${`${seconds(r.tokentop)} (${r.threads})`.padEnd(14)}${(r.tokentop / r.ccusage).toFixed(2)}x`);
}
writeFileSync(join(root, '.data', 'last-results.json'), JSON.stringify({ at: new Date().toISOString(), machine, runs, table, scaling: scaled }, null, 2));
if (table.some((r) => !r.exact)) process.exitCode = 1;
