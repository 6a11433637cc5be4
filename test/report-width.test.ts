/**
 * The text reports and the exit summary fit the width they are printed to: no line past it at 50,
 * 72 or 80 columns (narrow, columns are dropped or stacked, not wrapped by the terminal), on the
 * demo's recording (anomalies, quota readings, limits, sub-agents) and on the real sample.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { runCli } from './helpers/run-cli.js';

const over = (text: string, width: number): string[] => text.split('\n').filter((line) => stringWidth(line) > width);

describe('text reports fit their width', () => {
  it.each([50, 72, 80])('the demo recording\'s summary at %i columns', (width) => {
    const r = runCli(['--demo', '--width', String(width)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ANOMALIES \(\d+ warn or critical/);
    expect(r.stdout).toMatch(/^TOKENS /m);
    expect(over(r.stdout, width)).toEqual([]);
  });

  it('80 columns when the output is not a terminal', () => {
    const r = runCli(['--demo']);
    expect(over(r.stdout, 80)).toEqual([]);
    expect(r.stdout.split('\n').some((l) => stringWidth(l) > 72)).toBe(true);
  });

  it.skipIf(!hasRealCorpus).each([50, 72, 80])('the real sample, whole and --by session (project, last activity, a total), at %i columns', (width) => {
    for (const extra of [[], ['--by', 'session'], ['--by', 'day']]) {
      const r = runCli(['summary', REAL_TRANSCRIPTS, '--no-statusline', '--no-cache', '--width', String(width), ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(over(r.stdout, width), extra.join(' ')).toEqual([]);
      if (extra.length > 0) {
        const table = r.stdout.slice(r.stdout.indexOf('BY '));
        const total = /^total +/m.exec(table);
        expect(total, 'a total row under the periods').not.toBeNull();
      }
    }
    const wide = runCli(['summary', REAL_TRANSCRIPTS, '--no-statusline', '--no-cache', '--width', '160', '--by', 'session']);
    expect(wide.stdout).toMatch(/^BY SESSION \(UTC\) +project +last activity +input/m);
  });

  it('refuses a width no table fits', () => {
    const r = runCli(['summary', '--width', '20', '/nonexistent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--width "20" is not a number of columns from 40 to 1000');
  });
});
