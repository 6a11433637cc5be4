/**
 * `tokentop evidence` and `tokentop verify` on the built CLI: a bundle for a counter-reset seen in
 * proxy readings and one for a lockout seen in transcripts; verify passes on the untouched files and
 * fails, naming the file and line, after one byte of a quoted line changes; no secret and no control
 * character in any file of a bundle made from logs that carry them; content left out by default.
 */
import { readdir, readFile, rm, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/evidence/manifest.js';
import type { Summary } from '../src/report/summary.js';
import { assistantLine, jsonl, syntheticLine, taskToolUse } from './helpers/lines.js';
import { runCli } from './helpers/run-cli.js';

const SECRET = 'sk-ant-oat01-SECRETSECRETSECRET';
const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
let root: string;
let projects: string;
let proxyLog: string;
let transcript: string;
let outs: string;

/** A claude-trace exchange with a 5h reading, an Authorization header and hostile text in its body. */
function exchange(i: number, fiveHour: number): string {
  const time = T0 + i * 60_000;
  const reset = String(Math.floor((T0 + 4 * 3_600_000) / 1000));
  return JSON.stringify({
    request: { timestamp: (time - 2000) / 1000, method: 'POST', url: 'https://api.anthropic.com/v1/messages?beta=true&api_key=SECRETSECRET123', headers: { authorization: `Bearer ${SECRET}`, cookie: 'sid=abc123', 'x-api-key': SECRET, 'x-auth-token': 'tok-SECRETSECRET-1', 'x-session-id': 'SECRETSECRET-sess', 'x-custom-secret': 'SECRETSECRET' }, body: { model: 'claude-opus-4-6', messages: [{ role: 'user', content: 'private prompt \u001b]0;pwn\u0007 text' }] } },
    response: {
      timestamp: time / 1000,
      status_code: 200,
      headers: { 'anthropic-ratelimit-unified-status': 'allowed', 'anthropic-ratelimit-unified-5h-utilization': String(fiveHour), 'anthropic-ratelimit-unified-5h-reset': reset, 'anthropic-ratelimit-unified-5h-status': 'allowed', 'set-cookie': 'session=zzz' },
      body: { id: `msg_p${i}`, model: 'claude-opus-4-6', content: [{ type: 'text', text: 'private answer \u009b2J' }], usage: { input_tokens: 10, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 } },
    },
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokentop-evidence-'));
  projects = join(root, 'config', 'projects');
  const project = join(projects, '-home-dev-app');
  await mkdir(project, { recursive: true });
  outs = join(root, 'out');
  await mkdir(outs);
  transcript = join(project, 'sess-1.jsonl');
  const lines = [
    assistantLine({ sessionId: 'sess-1', messageId: 'msg_a', input: 10, output: 200, cacheRead: 5000, timestamp: iso(T0 - 60_000), content: [{ type: 'text', text: `private answer ${SECRET} \u001b[2J` }] }),
    assistantLine({ sessionId: 'sess-1', messageId: 'msg_b', input: 10, output: 300, cacheRead: 6000, timestamp: iso(T0 + 30_000) }),
    syntheticLine({ sessionId: 'sess-1', text: "You've hit your limit · resets 2pm (UTC)", timestamp: iso(T0 + 5 * 60_000) }),
    // A key pasted into a task: the same task three times is a loop, whose message quotes the description.
    ...[1, 2, 3].map((n) => assistantLine({ sessionId: 'sess-1', messageId: `msg_t${n}`, output: 5, timestamp: iso(T0 + (6 + n) * 60_000), content: [taskToolUse(`toolu_s${n}`, `deploy with ${SECRET}`, `Deploy using the key ${SECRET} now`)] })),
    JSON.stringify({ type: 'custom-title', customTitle: `release ${SECRET}`, sessionId: 'sess-1' }),
  ];
  await writeFile(transcript, jsonl(lines));
  proxyLog = join(root, 'proxy', 'claude-trace.jsonl');
  await mkdir(join(root, 'proxy'));
  // 31% then 0% with 4 hours left to the reset: a counter reset.
  await writeFile(proxyLog, jsonl([exchange(0, 0.3), exchange(1, 0.31), exchange(2, 0), exchange(3, 0.32)]));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function anomalyIds(): string[] {
  const r = runCli(['summary', projects, '--proxy-log', proxyLog, '--json', '--no-statusline']);
  return (JSON.parse(r.stdout) as Summary).anomalies.map((a) => a.id);
}

async function bundleFiles(dir: string): Promise<Array<[string, string]>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(names.map(async (n) => [n, await readFile(n, 'utf8')] as [string, string]));
}

function evidence(args: string[]) {
  return runCli(['evidence', projects, '--proxy-log', proxyLog, '--no-statusline', ...args]);
}

describe('tokentop evidence and verify', () => {
  it('bundles a counter-reset from proxy readings: its lines, readings and manifest; verify passes, then names the changed line', async () => {
    const id = anomalyIds().find((a) => a.startsWith('counter-reset'));
    expect(id).toBeDefined();
    const out = join(outs, 'reset');
    const r = evidence(['--anomaly', id as string, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/evidence of 1 anomaly, 3 lines quoted from 1 files/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.sources.map((s) => s.path)).toEqual([proxyLog]);
    // Before (31%), after (0%) and back (32%).
    expect(manifest.lines.map((l) => l.line)).toEqual([2, 3, 4]);
    const readme = await readFile(join(out, 'README.txt'), 'utf8');
    expect(readme).toMatch(/CRITICAL counter-reset/);
    expect(readme).toMatch(/31%/);
    expect(readme).toMatch(/tokentop verify/);
    // Each reading names where its line is quoted.
    expect(readme.match(/quoted in lines\/s1-claude-trace\.jsonl:\d/g)).toHaveLength(3);
    // Each exchange carries two readings (the unified status and the 5h window).
    expect((await readFile(join(out, 'quota.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(8);

    const ok = runCli(['verify', out]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/verified: everything the manifest names matches/);

    // One byte of quoted line 3 changes: verify fails and names the file and the line.
    const original = await readFile(proxyLog);
    const line3 = manifest.lines.find((l) => l.line === 3);
    const changed = Buffer.from(original);
    const at = (line3?.offset ?? 0) + 20;
    changed[at] = (changed[at] ?? 0) === 0x41 ? 0x42 : 0x41;
    await writeFile(proxyLog, changed);
    const bad = runCli(['verify', out]);
    await writeFile(proxyLog, original);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`CHANGED  line 3 of ${proxyLog}`);
    expect(bad.stdout).toMatch(/ok {7}line 2 of/);
    expect(bad.stdout).toMatch(/NOT verified/);
  });

  it('verify checks the bundle against its sources: an edited quote with its manifest hash updated, an added file, a path outside the bundle, a digest', async () => {
    const id = anomalyIds().find((a) => a.startsWith('counter-reset'));
    const out = join(outs, 'tamper');
    const made = evidence(['--anomaly', id as string, '--out', out]);
    const digest = /its digest .*: ([0-9a-f]{64})/.exec(made.stdout)?.[1];
    expect(digest).toBeDefined();
    expect(runCli(['verify', out, '--digest', digest as string]).code).toBe(0);
    const manifestPath = join(out, 'manifest.json');
    const pristine = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(pristine) as Manifest;
    const quotes = manifest.files.find((f) => f.path.startsWith('lines/'))?.path as string;
    // output_tokens 100 -> 99999 in the quote, and the manifest's hash of that file updated to match.
    const forged = (await readFile(join(out, quotes), 'utf8')).replace('"output_tokens":100', '"output_tokens":99999');
    await writeFile(join(out, quotes), forged);
    const sha = (await import('node:crypto')).createHash('sha256').update(forged).digest('hex');
    await writeFile(manifestPath, JSON.stringify({ ...manifest, files: manifest.files.map((f) => (f.path === quotes ? { ...f, sha256: sha } : f)) }));
    const edited = runCli(['verify', out]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(new RegExp(`CHANGED  ${quotes}:\\d+: it does not quote line \\d+ of`));
    // The digest published at the start no longer matches the edited manifest.
    expect(runCli(['verify', out, '--digest', digest as string]).stdout).toMatch(/CHANGED  manifest\.json: its sha256 is/);
    // A file the manifest does not name, and a manifest entry outside the bundle.
    await writeFile(manifestPath, JSON.stringify({ ...manifest, files: [...manifest.files, { path: '../../../../etc/hostname', sha256: manifest.files[0]?.sha256 }] }));
    await writeFile(join(out, 'extra.txt'), 'added later\n');
    const outside = runCli(['verify', out]);
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('REFUSED  ../../../../etc/hostname: the manifest names a path outside the bundle');
    expect(outside.stdout).toContain('EXTRA    extra.txt: a file the manifest does not name');
    // What no source vouches for is named as such.
    expect(outside.stdout).toMatch(/note {5}README\.txt, anomalies\.json, quota\.jsonl: checked against the manifest only/);
  });

  it('bundles a lockout from transcripts, with the limit message itself quoted', async () => {
    const id = anomalyIds().find((a) => a.startsWith('limit-hit'));
    const out = join(outs, 'lockout');
    expect(evidence(['--anomaly', id as string, '--out', out]).code).toBe(0);
    const quoted = await readFile(join(out, 'lines', (await readdir(join(out, 'lines')))[0] as string), 'utf8');
    expect(quoted).toContain("You've hit your limit");
    expect(runCli(['verify', out]).code).toBe(0);
  });

  it('no secret and no control character in any file of a bundle; content only with --include-content', async () => {
    const out = join(outs, 'all');
    const r = evidence(['--since', iso(T0 - 3_600_000), '--until', iso(T0 + 3_600_000), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const files = await bundleFiles(out);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const [name, text] of files) {
      expect(text, name).not.toContain('SECRETSECRET');
      expect(text, name).not.toMatch(/sid=abc123|session=zzz/);
      expect(text, name).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(text, name).not.toMatch(/private (prompt|answer)/);
    }
    const withContent = join(outs, 'content');
    expect(evidence(['--since', iso(T0 - 3_600_000), '--until', iso(T0 + 3_600_000), '--out', withContent, '--include-content']).code).toBe(0);
    const all = (await bundleFiles(withContent)).map(([, t]) => t).join('\n');
    expect(all).toMatch(/private prompt/);
    expect(all).not.toContain('SECRETSECRET');
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('no secret in summary text, JSON or CSV, from titles, task descriptions, headers or URLs', () => {
    const outputs = [['--json'], [], ['--by', 'session', '--csv'], ['--by', 'session']].map((extra) => runCli(['summary', projects, '--proxy-log', proxyLog, '--no-statusline', ...extra]));
    for (const r of outputs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('SECRETSECRET');
    }
    // It was there to find: the loop of the pasted task, its description redacted.
    expect(outputs[0]?.stdout).toMatch(/subagent-loop/);
    expect(outputs[0]?.stdout).toContain('deploy with [redacted]');
  });

  it('--redact-paths names sources by pseudonym; verify finds them with --against, and says MISSING without', async () => {
    const id = anomalyIds().find((a) => a.startsWith('counter-reset'));
    const out = join(outs, 'pseudo');
    expect(evidence(['--anomaly', id as string, '--out', out, '--redact-paths']).code).toBe(0);
    for (const [name, text] of await bundleFiles(out)) expect(text, name).not.toContain(root);
    const missing = runCli(['verify', out]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/MISSING  source-[0-9a-f]{12}\.jsonl/);
    const found = runCli(['verify', out, '--against', root]);
    expect(found.code, found.stdout).toBe(0);
  });

  it('refuses, in one line: an unknown id (listing the known ones), a non-empty --out without --force, no --out', async () => {
    const unknown = evidence(['--anomaly', 'nope', '--out', join(outs, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no anomaly "nope"; known \(\d+\): .*counter-reset:/);
    await writeFile(join(outs, 'busy.txt'), 'x');
    const busy = evidence(['--since', '1d', '--out', outs]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/is not empty: give another folder, or --force/);
    expect(evidence(['--since', '1d']).stderr).toMatch(/--out DIR is needed/);
    expect(evidence(['--since', '1d', '--out', join(projects, 'ev')]).stderr).toMatch(/inside .* which tokentop reads and never writes to/);
    for (const r of [unknown, busy]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const noBundle = runCli(['verify', join(outs, 'nowhere')]);
    expect(noBundle.code).toBe(2);
    expect(noBundle.stderr).toMatch(/has no readable manifest\.json/);
  });
});
