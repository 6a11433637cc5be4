/** `tokentop --demo --json`: a recording that ends now (nothing dated after the report but reset times), written nowhere but its temp dir. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('the demo recording', () => {
  it('dates nothing after the report but the resets the quota and lockouts name, and writes nothing in the state dir', () => {
    const state = mkdtempSync(join(tmpdir(), 'tokentop-demo-state-'));
    try {
      const r = runCli(['--demo', '--json'], { XDG_STATE_HOME: state });
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { generatedAt: string; sessions: unknown[] };
      expect(summary.sessions.length).toBeGreaterThan(0);
      const generated = Date.parse(summary.generatedAt);
      const future: string[] = [];
      const walk = (value: unknown, path: string): void => {
        if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && Date.parse(value) > generated) future.push(`${path}=${value}`);
        else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      };
      walk(summary, '');
      // A reset time is in the future by nature; a lockout ends at its reset.
      expect(future.filter((f) => !/\.resetAt=|\.anomalies\.\d+\.end=/.test(f))).toEqual([]);
      expect(readdirSync(state)).toEqual([]);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
