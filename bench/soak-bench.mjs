// `npm run bench:soak`: the live monitor's resident memory under steady load, in a real terminal:
// 20 transcript files, each appended 50 lines a second (a response written as streaming copies:
// a new response every 3 lines), for SOAK_MINUTES (default 10). RSS is sampled every 30 s; the
// figure is the growth after the first minute (start-up and the first windows filling excluded).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/bin/tokentop.mjs', import.meta.url));
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const FILES = 20;
const LINES_PER_SECOND = 50;
const socket = `tokentop-soak-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const root = mkdtempSync(join(tmpdir(), 'tokentop-soak-'));
const project = join(root, 'projects', '-home-dev-soak');
mkdirSync(project, { recursive: true });
const files = Array.from({ length: FILES }, (_, i) => join(project, `soak-${i}.jsonl`));
for (const f of files) appendFileSync(f, '');

let serial = 0;
const perFile = new Array(FILES).fill(0);
/** One line: a streaming copy of the current response of file `i` (three copies a response). */
function line(i) {
  serial++;
  const n = perFile[i]++;
  const id = `msg_soak_${i}_${Math.floor(n / 3)}`;
  const usage = { input_tokens: 3, output_tokens: 10 + (n % 3) * 40, cache_creation_input_tokens: 200, cache_read_input_tokens: 20_000 };
  return `${JSON.stringify({ type: 'assistant', timestamp: new Date().toISOString(), sessionId: `soak-${i}`, uuid: `u${n}`, requestId: `req_${id}`, message: { id, model: 'claude-opus-4-6', role: 'assistant', content: [{ type: 'text', text: 'x'.repeat(200) }], usage } })}\n`;
}

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

// The state dir (snapshots, quota record) beside the watched dir, never in it.
const state = mkdtempSync(join(tmpdir(), 'tokentop-soak-state-'));
tmux('new-session', '-d', '-s', 's', '-x', '120', '-y', '40', `env XDG_STATE_HOME=${state} XDG_CACHE_HOME=${state}/cache node ${cli} ${join(root, 'projects')}; sleep 60`);
await sleep(3000);
const panePid = tmux('display', '-p', '-t', 's', '#{pane_pid}').trim();
const pid = Number(execFileSync('pgrep', ['-f', '-P', panePid, 'tokentop.mjs'], { encoding: 'utf8' }).trim().split('\n')[0]);

const writer = setInterval(() => {
  // 50 lines a second per file, written every 100 ms in batches of 5.
  for (let i = 0; i < FILES; i++) appendFileSync(files[i], Array.from({ length: LINES_PER_SECOND / 10 }, () => line(i)).join(''));
}, 100);

const samples = [];
const start = Date.now();
console.log(`soak: ${FILES} files x ${LINES_PER_SECOND} lines/s for ${minutes} min, monitor pid ${pid}`);
while (Date.now() - start < minutes * 60_000) {
  await sleep(30_000);
  const rss = rssMiB(pid);
  samples.push({ at: (Date.now() - start) / 60_000, rss });
  console.log(`${((Date.now() - start) / 60_000).toFixed(1).padStart(5)} min  RSS ${rss.toFixed(0).padStart(5)} MiB  lines written ${serial}`);
}
clearInterval(writer);
tmux('send-keys', '-t', 's', 'q');
await sleep(2000);
try {
  tmux('kill-server');
} catch {
  // Already gone.
}
rmSync(root, { recursive: true, force: true });
rmSync(state, { recursive: true, force: true });
const afterFirst = samples.filter((s) => s.at > 1);
const base = afterFirst[0]?.rss ?? 0;
const last = afterFirst.at(-1)?.rss ?? 0;
const high = Math.max(...afterFirst.map((s) => s.rss));
const low = Math.min(...afterFirst.map((s) => s.rss));
console.log(`after the first minute: ${base.toFixed(0)} -> ${last.toFixed(0)} MiB (${(((last - base) / Math.max(1, base)) * 100).toFixed(1)}%), range ${low.toFixed(0)}-${high.toFixed(0)} MiB (highest ${(((high - base) / Math.max(1, base)) * 100).toFixed(1)}% above the first); target: flat within 10%`);
