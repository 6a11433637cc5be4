// `npm run bench:live`: the live monitor's figures, measured in a real terminal (tmux):
// time to first frame with a 1 GiB history present, append-to-screen latency, idle CPU with 500
// watched files, and RSS after an hour of simulated activity.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compact } from '../dist/report/format.js';
import { HistoryGenerator } from '../dist/synth/history-generator.js';

const cli = fileURLToPath(new URL('../dist/bin/tokentop.mjs', import.meta.url));
const bigHistory = fileURLToPath(new URL('./.data/history-20261121-1024MiB', import.meta.url));
const socket = `tokentop-live-bench-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const screen = () => tmux('capture-pane', '-p', '-t', 'b');
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

async function waitFor(test, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = screen();
    if (test(s)) return s;
    await sleep(20);
  }
  throw new Error(`timed out; screen:\n${screen()}`);
}

/** The node process running the CLI inside the tmux pane. */
function cliPid() {
  const panePid = tmux('display', '-p', '-t', 'b', '#{pane_pid}').trim();
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', panePid], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes('tokentop.mjs'));
  return Number(line?.trim().split(/\s+/)[0]);
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

function statusKiB(pid, key) {
  return Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

function start(dir, extra = '', env = '') {
  tmux('new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', `XDG_CACHE_HOME=${work}/cache ${env} node ${cli} ${dir} ${extra}; sleep 30`);
}

function stop() {
  try {
    tmux('kill-server');
  } catch {
    // gone
  }
}

const results = {};
const work = mkdtempSync(join(tmpdir(), 'tokentop-live-bench-'));
try {
  // 1. First frame with a 1 GiB history present (every file is recent: all of it is backfilled),
  // with an empty index (the bench's own cache dir) and then with the index that run left.
  if (existsSync(bigHistory)) {
    results.firstFrame = {};
    for (const run of ['emptyIndex', 'warmIndex']) {
      const timings = join(work, `timings-${run}.json`);
      start(bigHistory, '', `TOKENTOP_TIMINGS=${timings}`);
      const t0 = Date.now();
      await waitFor((s) => s.includes('LIVE'));
      const seen = Date.now() - t0;
      await waitFor((s) => s.includes('LIVE') && !s.includes('loading history'), 120_000);
      const screenBackfillMs = Date.now() - t0;
      const pid = cliPid();
      const rss = statusKiB(pid, 'VmRSS') / 1024;
      tmux('send-keys', '-t', 'b', 'q');
      // The file exists before the CLI has finished writing it: wait until it parses.
      const readTimings = () => {
        try {
          return JSON.parse(readFileSync(timings, 'utf8'));
        } catch {
          return undefined;
        }
      };
      await waitFor(() => readTimings() !== undefined);
      const t = readTimings();
      results.firstFrame[run] = { screenSeenMs: seen, screenBackfillMs, firstRenderMs: t.firstFrameMs, backfillDoneMs: t.backfillDoneMs, rssAfterBackfillMiB: rss };
      stop();
      // A tmux server still going away refuses the next one.
      await sleep(1000);
    }
  } else {
    results.firstFrame = 'skipped: run `npm run bench` first to generate the 1 GiB history';
  }

  // 2. Append-to-screen latency: a response appended; time until the screen shows it.
  const live = join(work, 'live');
  const project = join(live, 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  const session = join(project, 'sess-1.jsonl');
  writeFileSync(session, '');
  start(live);
  await waitFor((s) => s.includes('LIVE'));
  const latencies = [];
  for (let i = 0; i < 10; i++) {
    const tokens = 1000 * (i + 1);
    const line = JSON.stringify({ type: 'assistant', sessionId: 'sess-1', cwd: '/home/dev/app', timestamp: new Date().toISOString(), uuid: `u${i}`, message: { id: `msg_${i}`, model: 'claude-opus-4-6', content: [], usage: { input_tokens: tokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } });
    const t0 = performance.now();
    appendFileSync(session, `${line}\n`);
    // The session's row shows its running total: wait for the new one.
    const expected = compact((i + 1) * (i + 2) * 500).replace('.', '\\.');
    await waitFor((s) => new RegExp(`sess-1\\s+${expected}\\s`).test(s), 5000);
    latencies.push(performance.now() - t0);
    await sleep(300);
  }
  results.appendToScreenMs = { samples: latencies.map((l) => Math.round(l)), median: Math.round([...latencies].sort((a, b) => a - b)[5]) };

  // 4. RSS after an hour of simulated activity: four sessions at once, an hour of their lines
  //    (timestamps spread over the last hour) appended while the monitor runs.
  const pid = cliPid();
  const generators = [9, 10, 11, 12].map((seed) => new HistoryGenerator({ seed, start: Date.now() - 3_600_000, projects: 4 }));
  let appended = 0;
  for (const generator of generators) {
    for (;;) {
      const appends = generator.nextSession();
      for (const a of appends) {
        if (a.time > Date.now()) break;
        const file = join(live, a.path);
        mkdirSync(join(file, '..'), { recursive: true });
        if (a.path.endsWith('.json')) writeFileSync(file, a.line);
        else appendFileSync(file, `${a.line}\n`);
        appended += a.line.length + 1;
      }
      await sleep(50);
      if ((appends.at(-1)?.time ?? Infinity) >= Date.now()) break;
    }
  }
  await sleep(2000);
  results.hourOfActivity = { appendedMiB: appended / 1048576, rssMiB: statusKiB(pid, 'VmRSS') / 1024, peakRssMiB: statusKiB(pid, 'VmHWM') / 1024 };
  stop();

  // 3. Idle CPU with 500 watched files.
  const idle = join(work, 'idle');
  for (let i = 0; i < 500; i++) {
    const dir = join(idle, 'projects', `-p${i % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `s${i}.jsonl`), `${JSON.stringify({ type: 'user', sessionId: `s${i}`, timestamp: new Date().toISOString(), message: { content: 'hi' } })}\n`);
  }
  start(idle);
  await waitFor((s) => s.includes('LIVE') && s.includes('500 files'));
  // Past start-up and its first minute (reading the 500 files, the first GCs, the first walk of the
  // roots): the steady state is what a user pays. The first minute costs about twice as much.
  await sleep(70_000);
  const idlePid = cliPid();
  const before = cpuSeconds(idlePid);
  const seconds = 60;
  await sleep(seconds * 1000);
  results.idle500Files = { cpuPercentOfACore: ((cpuSeconds(idlePid) - before) / seconds) * 100, rssMiB: statusKiB(idlePid, 'VmRSS') / 1024, files: readdirSync(join(idle, 'projects')).length * 25 };
  stop();
} finally {
  stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, 2));
