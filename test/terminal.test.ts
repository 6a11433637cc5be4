/**
 * The built CLI in a real terminal (tmux): start, live updates as transcripts grow, keys, resize,
 * quit. What is asserted is what a person would see on the screen.
 */
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantLine, jsonl, taskToolUse } from './helpers/lines.js';
import { CLI } from './helpers/run-cli.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { runCli } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

let root: string;
let snapshots: string;
let sessionFile: string;
const term = new Tmux();
const iso = (msAgo = 0): string => new Date(Date.now() - msAgo).toISOString();

/** The number after `label` on the screen, e.g. `now 12.3k/min` -> '12.3k'. */
function valueAfter(screen: string, pattern: RegExp): string | undefined {
  return pattern.exec(screen)?.[1];
}

/** Every row fits the width, and the panels' right borders line up at the last column. */
function expectCleanFrame(screen: string, cols: number): void {
  const rows = screen.split('\n');
  // Display columns: a real transcript's CJK title takes two a character.
  for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(cols);
  const bordered = rows.filter((r) => r.startsWith('│') || r.startsWith('╭') || r.startsWith('╰'));
  expect(bordered.length).toBeGreaterThan(10);
  for (const row of bordered) expect(stringWidth(row), row).toBe(cols);
  // The header is the first row and appears once: the frame has not scrolled or been drawn twice.
  expect(rows[0]).toMatch(/^tokentop · /);
  expect(rows.filter((r) => r.startsWith('tokentop ·'))).toHaveLength(1);
  expect(rows.filter((r) => r.includes('q quit'))).toHaveLength(1);
  // The charts draw: at least their zero baselines, in braille.
  expect(screen).toMatch(/[\u2801-\u28ff]/);
}

describe.skipIf(!hasTmux())('tokentop in a real terminal', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tokentop-term-'));
    // Beside the watched dir, not in it: tokentop refuses to write where it watches.
    snapshots = await mkdtemp(join(tmpdir(), 'tokentop-term-snapshots-'));
    const project = join(root, 'projects', '-home-dev-app');
    await mkdir(project, { recursive: true });
    sessionFile = join(project, 'sess-live.jsonl');
    await writeFile(sessionFile, jsonl([assistantLine({ sessionId: 'sess-live', messageId: 'msg_old', input: 5, output: 50, cacheRead: 1000, timestamp: iso(30_000) })]));
    term.start(`node ${CLI} ${root} --snapshot-dir ${snapshots} --summary-file ${join(snapshots, 'summary.txt')}; echo EXIT=$?; sleep 60`, 120, 40, { TZ: 'UTC' }, join(root, 'terminal-stream.txt'));
  });

  afterAll(async () => {
    term.kill();
    await rm(root, { recursive: true, force: true });
    await rm(snapshots, { recursive: true, force: true });
  });

  it('starts LIVE with every panel', async () => {
    await term.waitFor((s) => {
      expect(s).toContain('LIVE');
      expect(s).toContain('Sessions (1)');
      expectCleanFrame(s, 120);
    });
  });

  it('writes nothing but frames to the terminal: no warning, and no first frame taller than the screen', async () => {
    // A stray line (a Node warning once) scrolls the screen for a moment; later frames hide it, the stream does not.
    const stream = await readFile(join(root, 'terminal-stream.txt'), 'utf8');
    expect(stream).not.toMatch(/Warning|Error|at \S+ \(/);
    const firstFrame = stream.split('\u001b[?2026h')[1] ?? '';
    expect(firstFrame.split('\n').length - 1).toBeLessThanOrEqual(39);
  });

  it('shows appended lines: the token rate and the sub-agent count change', async () => {
    const before = await term.waitFor((s) => s.includes('LIVE'));
    const rateBefore = valueAfter(before, /last 60 s (\S+)/);
    const started = Date.now();
    await appendFile(
      sessionFile,
      jsonl([
        assistantLine({ sessionId: 'sess-live', messageId: 'msg_new', input: 20, output: 900, cacheCreation: 40_000, cacheRead: 200_000, timestamp: iso() }),
        assistantLine({ sessionId: 'sess-live', messageId: 'msg_spawn', input: 3, output: 80, cacheRead: 240_000, timestamp: iso(), content: [taskToolUse('toolu_live_1', 'Survey the parser'), taskToolUse('toolu_live_2', 'Write tests', 'x', 'general-purpose', 'Agent')] }),
      ]),
    );
    await term.waitFor((s) => /Active sub-agents\s+now 2/.test(s) && valueAfter(s, /last 60 s (\S+)/) !== rateBefore);
    console.log(`append-to-screen latency: ${Date.now() - started} ms`);
    // The table is looked at again until a whole frame holds it (a capture can catch a redraw half done).
    await term.waitFor((s) => {
      expect(s).toContain('Survey the');
      expect(s).toContain('Running sub-agents (2)');
    }, 3000);
  });

  it('p pauses the display and counts what arrives; p again goes LIVE', async () => {
    term.keys('p');
    await term.waitFor((s) => s.includes('PAUSED (+0 new)'));
    await appendFile(sessionFile, jsonl([assistantLine({ sessionId: 'sess-live', messageId: 'msg_paused', input: 1, output: 10, timestamp: iso() })]));
    await term.waitFor((s) => s.includes('PAUSED (+1 new)'));
    term.keys('p');
    await term.waitFor((s) => s.includes('LIVE'));
  });

  it('s writes the snapshot files and says where', async () => {
    term.keys('s');
    const screen = await term.waitFor((s) => s.includes('snapshot: '));
    const files = readdirSync(snapshots).filter((f) => f.startsWith('tokentop-snapshot-'));
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(1);
    const txt = await readFile(join(snapshots, files.find((f) => f.endsWith('.txt')) ?? ''), 'utf8');
    expect(txt).toContain('Token rate /min');
    expect(txt).not.toMatch(/\u001b/);
    expect(screen).toContain(snapshots);
  });

  it('re-lays out to 80x24 and back to 120x40 with a clean screen', async () => {
    // Each wait retries the whole clean-frame check: a screen caught mid-redraw is looked at again.
    term.resize(80, 24);
    await term.waitFor((s) => {
      expect(s.split('\n').filter((r) => r.startsWith('╭'))).toHaveLength(4);
      expectCleanFrame(s, 80);
    });
    term.resize(120, 40);
    await term.waitFor((s) => {
      expect(s).toContain('anomalies');
      expectCleanFrame(s, 120);
    });
  });

  it('q restores the terminal, prints the summary of the watched period and exits 0', async () => {
    term.keys('q');
    const screen = await term.waitFor((s) => s.includes('EXIT='));
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('WATCHED');
    expect(screen).toMatch(/sub-agents spawned\s+2, peak 2 at once/);
    expect(screen).not.toContain('LIVE');
    expect(existsSync(join(snapshots, 'summary.txt'))).toBe(true);
  });
});

describe.skipIf(!hasTmux())('the README demo command in a real terminal', () => {
  const demo = new Tmux();
  afterAll(() => demo.kill());

  it('shows live charts within seconds; SIGTERM exits 0 with the summary and removes its temp dir', async () => {
    demo.start(`node ${CLI} --demo; echo EXIT=$?; sleep 30`, 120, 40);
    const screen = await demo.waitFor((s) => {
      expect(s).toContain('LIVE');
      expect(s).toMatch(/Token rate \/min · 5m/);
      expect(s).toContain('Sessions (');
      expectCleanFrame(s, 120);
    }, 10_000);
    expect(screen).toMatch(/busiest minute \S+/);
    process.kill(demo.pidOf('tokentop.mjs'), 'SIGTERM');
    const after = await demo.waitFor((s) => s.includes('EXIT='));
    expect(after).toContain('EXIT=0');
    expect(after).toContain('WATCHED');
    const dir = /writing to (\S+)/.exec(after)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir as string)).toBe(false);
  });
});

describe.skipIf(!hasTmux())('tokentop replay in a real terminal', () => {
  const replay = new Tmux();
  let root: string;
  afterAll(async () => {
    replay.kill();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('replays a demo recording: speed keys, pause, snapshot, to its end, then the summary of the replayed range', async () => {
    const r = runCli(['--demo', '--seed', '31', '--keep', '--json']);
    root = /writing to (\S+)/.exec(r.stderr)?.[1] ?? '';
    const snapshots = join(root, 'snapshots');
    await mkdir(snapshots);
    replay.start(`node ${CLI} replay ${join(root, 'config')} --snapshot-dir ${snapshots}; echo EXIT=$?; sleep 60`, 120, 40, { TZ: 'UTC' });
    // The whole check is retried: a screen caught mid-redraw is looked at again.
    await replay.waitFor((s) => {
      expect(s).toContain('REPLAY ×60');
      expectCleanFrame(s, 120);
    });
    replay.keys('+');
    await replay.waitFor((s) => s.includes('REPLAY ×120'));
    replay.keys('p');
    await replay.waitFor((s) => s.includes('REPLAY ×120 PAUSED'));
    replay.keys('s');
    await replay.waitFor((s) => s.includes('snapshot: '));
    replay.keys('p');
    for (let i = 0; i < 6; i++) replay.keys('+');
    await replay.waitFor((s) => s.includes('ended'), 15_000);
    replay.keys('q');
    await replay.waitFor((s) => s.includes('EXIT='));
    // The summary is longer than the pane: read it as a person scrolls back to it.
    const after = replay.scrollback();
    expect(after).toContain('EXIT=0');
    expect(after).toMatch(/total\s+\S+\s+\S+\s+\S+\s+\S+\s+\d+/);
    expect(readdirSync(snapshots).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it.skipIf(!hasRealCorpus)('replays the real corpus (13 months) to its end without an error', async () => {
    replay.kill();
    const again = new Tmux();
    try {
      again.start(`node ${CLI} replay ${REAL_TRANSCRIPTS} --speed 20000000000; echo EXIT=$?; sleep 60`, 120, 40);
      await again.waitFor((s) => {
        expect(s).toContain('ended');
        expectCleanFrame(s, 120);
      }, 20_000);
      again.keys('q');
      expect(await again.waitFor((s) => s.includes('EXIT='))).toContain('EXIT=0');
    } finally {
      again.kill();
    }
  });
});

describe.skipIf(!hasTmux())('the monitor with a proxy log and the statusline state file', () => {
  const term2 = new Tmux();
  let dir: string;
  const SECRET = 'sk-ant-oat01-NEVER-ON-SCREEN';
  afterAll(async () => {
    term2.kill();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('shows quota from both, and no credential reaches the screen, a snapshot or the summary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokentop-quota-'));
    const project = join(dir, 'config', 'projects', '-home-dev-app');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 's.jsonl'), jsonl([assistantLine({ sessionId: 's', messageId: 'm1', input: 5, output: 5, timestamp: iso(10_000) })]));
    const now = Date.now();
    const trace = JSON.stringify({
      request: { timestamp: (now - 3000) / 1000, method: 'POST', url: 'https://api.anthropic.com/v1/messages', headers: { authorization: `Bearer ${SECRET}`, cookie: SECRET }, body: { model: 'claude-opus-4-6' } },
      response: { timestamp: (now - 2000) / 1000, status_code: 200, headers: { 'anthropic-ratelimit-unified-7d-utilization': '0.55', 'anthropic-ratelimit-unified-7d-reset': String(Math.floor(now / 1000) + 200_000), 'set-cookie': SECRET }, body: { id: 'msg_p', model: 'claude-opus-4-6', usage: { input_tokens: 5, output_tokens: 50 } } },
      logged_at: 'x',
    });
    await writeFile(join(dir, 'trace.jsonl'), `${trace}\n`);
    const state = join(dir, 'state');
    const snapshots = join(dir, 'snapshots');
    await mkdir(snapshots);
    term2.start(`node ${CLI} ${join(dir, 'config')} --proxy-log ${join(dir, 'trace.jsonl')} --snapshot-dir ${snapshots}; echo EXIT=$?; sleep 60`, 120, 40, { XDG_STATE_HOME: state });
    await term2.waitFor((s) => /7d +█+░+ +55% .*\(proxy, /.test(s));
    const input = JSON.stringify({ session_id: 's', model: { display_name: 'Opus 4.6' }, cost: { total_cost_usd: 1 }, rate_limits: { five_hour: { used_percentage: 64, resets_at: Math.floor(now / 1000) + 3600 } } });
    expect(runCli(['statusline'], { XDG_STATE_HOME: state }, undefined, input).code).toBe(0);
    const screen = await term2.waitFor((s) => /5h +█+░+ +64% .*\(statusline, /.test(s));
    expect(screen).not.toContain(SECRET);
    term2.keys('s');
    await term2.waitFor((s) => s.includes('snapshot: '));
    for (const f of readdirSync(snapshots)) expect(await readFile(join(snapshots, f), 'utf8')).not.toContain(SECRET);
    term2.keys('q');
    const after = await term2.waitFor((s) => s.includes('EXIT='));
    expect(after).toContain('EXIT=0');
    expect(after).not.toContain(SECRET);
  });
});
