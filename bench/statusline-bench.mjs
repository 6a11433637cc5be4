// `npm run bench:statusline`: wall time of `tokentop statusline` as Claude Code runs it, beside bare Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/bin/tokentop.mjs', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'tokentop-sl-bench-'));
const now = Math.floor(Date.now() / 1000);
const input = JSON.stringify({ session_id: 's', model: { display_name: 'Opus 4.6' }, cost: { total_cost_usd: 1.2 }, rate_limits: { five_hour: { used_percentage: 31, resets_at: now + 7000 }, seven_day: { used_percentage: 41, resets_at: now + 300_000 } } });
const runs = Number(process.env.BENCH_RUNS ?? 40);

function time(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { input, env: { ...process.env, XDG_STATE_HOME: state } });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], p90: samples[Math.floor(runs * 0.9)], max: samples.at(-1) };
}

try {
  const node = time(['-e', '0']);
  const statusline = time([cli, 'statusline']);
  const f = (x) => `${x.toFixed(0)} ms`;
  console.log(`${runs} runs each`);
  console.log(`bare node          median ${f(node.median)}  p90 ${f(node.p90)}`);
  console.log(`tokentop statusline median ${f(statusline.median)}  p90 ${f(statusline.p90)}  max ${f(statusline.max)}  (target: well under 100 ms)`);
} finally {
  rmSync(state, { recursive: true, force: true });
}
