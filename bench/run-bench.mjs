// `npm run bench`: summary throughput and peak RSS on a synthetic history, beside ccusage on the same
// files. BENCH_MIB sets the size (default 1024); the history is generated once into bench/.data/.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHistory } from '../dist/synth/write-history.js';
import { ensureCcusage } from './ensure-ccusage.mjs';
import { measure } from './measure-process.mjs';

const MIB = 1024 * 1024;
const sizeMiB = Number(process.env.BENCH_MIB ?? 1024);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const seed = 20261121;
const root = fileURLToPath(new URL('.', import.meta.url));
const dataDir = join(root, '.data', `history-${seed}-${sizeMiB}MiB`);
const truthFile = `${dataDir}.truth.json`;
const cli = fileURLToPath(new URL('../dist/bin/tokentop.mjs', import.meta.url));

function ensureHistory() {
  if (existsSync(truthFile) && existsSync(dataDir)) return JSON.parse(readFileSync(truthFile, 'utf8'));
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  console.log(`generating a ${sizeMiB} MiB history in ${dataDir} …`);
  const t = performance.now();
  const written = writeHistory(dataDir, { seed, start: Date.parse('2026-08-01T00:00:00Z'), targetBytes: sizeMiB * MIB });
  console.log(`  ${written.files} files, ${written.sessions} sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(truthFile, JSON.stringify(written));
  return written;
}

/** Read every file once so both tools meet a warm page cache. */
function warm(dir) {
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else bytes += readFileSync(p).length;
    }
  };
  walk(dir);
  return bytes;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const written = ensureHistory();
const { truth } = written;
const bytes = warm(dataDir);
const mib = bytes / MIB;
console.log(`history: ${mib.toFixed(0)} MiB, ${written.files} files; truth: ${JSON.stringify(truth)}`);

const ours = [];
for (let i = 0; i < runs; i++) {
  const r = await measure(process.execPath, [cli, 'summary', dataDir, '--json'], { TOKENTOP_REPORT_RSS: '1' });
  if (r.code !== 0) throw new Error(`tokentop failed: ${r.stderr}`);
  const rss = Number(/tokentop-max-rss-kib (\d+)/.exec(r.stderr)?.[1]);
  ours.push({ ms: r.ms, rssKiB: rss, totals: JSON.parse(r.stdout).totals });
}
const theirs = [];
const binary = ensureCcusage();
for (let i = 0; i < runs; i++) {
  const r = await measure(binary, ['daily', '--json', '--offline'], { CLAUDE_CONFIG_DIR: dataDir });
  if (r.code !== 0) throw new Error(`ccusage failed: ${r.stderr}`);
  theirs.push({ ms: r.ms, rssKiB: r.peakKiB, totals: JSON.parse(r.stdout).totals });
}

const exact = (t) => t.input === truth.input && t.output === truth.output && t.cacheCreation === truth.cacheCreation && t.cacheRead === truth.cacheRead;
const ourTotals = ours[0].totals;
const theirTotals = theirs[0].totals;
const theirsMapped = { input: theirTotals.inputTokens, output: theirTotals.outputTokens, cacheCreation: theirTotals.cacheCreationTokens, cacheRead: theirTotals.cacheReadTokens };
const ourMs = median(ours.map((r) => r.ms));
const theirMs = median(theirs.map((r) => r.ms));
const ourRss = Math.max(...ours.map((r) => r.rssKiB)) / 1024;
const theirRss = Math.max(...theirs.map((r) => r.rssKiB ?? 0)) / 1024;

const row = (name, ms, rss, ok) => `${name.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s ${(mib / (ms / 1000)).toFixed(0).padStart(7)} MiB/s ${rss.toFixed(0).padStart(6)} MiB   totals ${ok ? 'exact' : 'WRONG'}`;
console.log('');
console.log(`median of ${runs} runs, warm page cache, ${mib.toFixed(0)} MiB`);
console.log(row('tokentop summary', ourMs, ourRss, exact(ourTotals)));
console.log(row('ccusage daily (native)', theirMs, theirRss, exact(theirsMapped)));
if (!exact(theirsMapped)) console.log(`  ccusage totals: ${JSON.stringify(theirsMapped)}`);
console.log('');
console.log(`targets: faster than ccusage: ${ourMs < theirMs ? 'met' : 'NOT met'} (${(theirMs / ourMs).toFixed(2)}x); peak RSS <= 200 MiB: ${ourRss <= 200 ? 'met' : 'NOT met'}; exact totals: ${exact(ourTotals) ? 'met' : 'NOT met'}`);
writeFileSync(join(root, '.data', 'last-results.json'), JSON.stringify({ mib, runs, ours, theirs, truth, at: new Date().toISOString(), size: statSync(truthFile).size }, null, 2));
if (!exact(ourTotals)) process.exitCode = 1;
