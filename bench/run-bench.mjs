// `npm run bench`: summary's wall time and peak RSS on synthetic histories, beside ccusage 20.0.24 on
// the same files in the same run: cold (an empty index), warm (nothing changed) and after 1% new
// lines were appended to 10% of the files, at each size of BENCH_SIZES (MiB, default
// 128,512,1024,4096; BENCH_MIB=N for one size). Runs are interleaved pairs (ccusage, then tokentop),
// BENCH_RUNS of them (default 3): the machine's speed drifts, a pair's two runs meet the same drift.
// Histories are generated once into bench/.data/; the appended lines are cut off again after each pair.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHistory } from '../dist/synth/write-history.js';
import { ensureCcusage } from './ensure-ccusage.mjs';
import { measure } from './measure-process.mjs';

const MIB = 1024 * 1024;
const sizes = (process.env.BENCH_MIB ?? process.env.BENCH_SIZES ?? '128,512,1024,4096').split(',').map(Number);
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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${(Math.min(...values) / 1000).toFixed(2)}-${(Math.max(...values) / 1000).toFixed(2)}`;

async function tokentop(dataDir, cache) {
  const r = await measure(process.execPath, [cli, 'summary', dataDir, '--json', '--no-statusline'], { TOKENTOP_REPORT_RSS: '1', XDG_CACHE_HOME: cache });
  if (r.code !== 0) throw new Error(`tokentop failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  return { ms: r.ms, rssKiB: Number(/tokentop-max-rss-kib (\d+)/.exec(r.stderr)?.[1]), totals: json.totals, index: json.index };
}

async function ccusage(binary, dataDir) {
  const r = await measure(binary, ['daily', '--json', '--offline'], { CLAUDE_CONFIG_DIR: dataDir });
  if (r.code !== 0) throw new Error(`ccusage failed: ${r.stderr}`);
  const t = JSON.parse(r.stdout).totals;
  return { ms: r.ms, rssKiB: r.peakKiB ?? 0, totals: { input: t.inputTokens, output: t.outputTokens, cacheCreation: t.cacheCreationTokens, cacheRead: t.cacheReadTokens } };
}

const same = (a, b) => a.input === b.input && a.output === b.output && a.cacheCreation === b.cacheCreation && a.cacheRead === b.cacheRead;
const plus = (a, b) => ({ input: a.input + b.input, output: a.output + b.output, cacheCreation: a.cacheCreation + b.cacheCreation, cacheRead: a.cacheRead + b.cacheRead });

const binary = ensureCcusage();
const table = [];
for (const sizeMiB of sizes) {
  const { dataDir, written } = ensureHistory(sizeMiB);
  const files = transcripts(dataDir);
  const mib = warmPageCache(files) / MIB;
  const truth = written.truth;
  console.log(`\n${sizeMiB} MiB: ${mib.toFixed(0)} MiB in ${files.length} transcripts; truth ${JSON.stringify(truth)}`);
  const rows = { ccusage: [], cold: [], ccusageAppended: [], warm: [], appended: [] };
  let exact = true;
  for (let round = 0; round < runs; round++) {
    const cache = join(cacheHome, `${sizeMiB}`);
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
    const grown = plus(truth, added);
    const ok = same(theirs.totals, truth) && same(cold.totals, truth) && same(warm.totals, truth) && same(appended.totals, grown) && same(theirsAppended.totals, grown);
    exact &&= ok;
    rows.ccusage.push(theirs);
    rows.cold.push(cold);
    rows.warm.push(warm);
    rows.ccusageAppended.push(theirsAppended);
    rows.appended.push(appended);
    console.log(
      `  pair ${round + 1}: ccusage ${(theirs.ms / 1000).toFixed(2)} s | cold ${(cold.ms / 1000).toFixed(2)} s ${(cold.rssKiB / 1024).toFixed(0)} MiB | warm ${(warm.ms / 1000).toFixed(2)} s | ` +
        `appended (${cut.length} files, ${(appended.index.bytesRead / MIB).toFixed(1)} MiB read) ${(appended.ms / 1000).toFixed(2)} s vs ccusage ${(theirsAppended.ms / 1000).toFixed(2)} s | totals ${ok ? 'exact' : 'WRONG'}`,
    );
  }
  const ms = (k) => rows[k].map((r) => r.ms);
  const rss = (k) => Math.max(...rows[k].map((r) => r.rssKiB)) / 1024;
  table.push({
    sizeMiB,
    mib,
    files: files.length,
    ccusage: { median: median(ms('ccusage')), range: range(ms('ccusage')), rss: rss('ccusage') },
    cold: { median: median(ms('cold')), range: range(ms('cold')), rss: rss('cold') },
    warm: { median: median(ms('warm')), range: range(ms('warm')), rss: rss('warm') },
    appended: { median: median(ms('appended')), range: range(ms('appended')), rss: rss('appended') },
    ccusageAppended: { median: median(ms('ccusageAppended')) },
    indexBytes: rows.warm[0].index.bytes,
    exact,
  });
}

console.log(`\nmedians of ${runs} interleaved pairs (ranges in s), warm page cache; ratio = tokentop's time / ccusage's`);
console.log('size     ccusage          cold (empty index)          warm (nothing changed)      1% appended to 10%          index   totals');
for (const r of table) {
  const cell = (x, base) => `${(x.median / 1000).toFixed(2)} s ${(x.median / base).toFixed(2)}x ${x.rss.toFixed(0)} MiB`.padEnd(28);
  console.log(
    `${`${r.mib.toFixed(0)} MiB`.padEnd(9)}${`${(r.ccusage.median / 1000).toFixed(2)} s ${r.ccusage.rss.toFixed(0)} MiB`.padEnd(17)}${cell(r.cold, r.ccusage.median)}${cell(r.warm, r.ccusage.median)}${cell(r.appended, r.ccusageAppended.median)}${`${(r.indexBytes / MIB).toFixed(1)} MiB`.padEnd(8)}${r.exact ? 'exact' : 'WRONG'}`,
  );
}
writeFileSync(join(root, '.data', 'last-results.json'), JSON.stringify({ at: new Date().toISOString(), runs, table }, null, 2));
if (table.some((r) => !r.exact)) process.exitCode = 1;
