import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { Footer, footerRows } from './Footer.js';

const render = (notice: string | undefined, width: number): string => renderToString(<Footer notice={notice} width={width} mode="live" />, { columns: width });

describe('Footer', () => {
  it('shows every key when there is no notice', () => {
    expect(render(undefined, 120)).toBe('p pause  s snapshot  w window  u quota  tab focus  a anomaly  c ack  m models  o sort  j/k scroll  ? help  q quit');
    // Narrower, keys give way from the right; help and quit stay.
    expect(render(undefined, 80)).toBe('p pause  s snapshot  w window  u quota  tab focus  a anomaly  ? help  q quit');
  });

  it('lets keys give way to a notice, so a snapshot path is read to its file name', () => {
    const short = '/tmp/s/tokentop-snapshot-20261202-104752.json';
    const line = render(`snapshot: ${short} (+ .txt)`, 120);
    expect(line).toContain(`${short} (+ .txt)`);
    expect(line).toMatch(/^p pause .*\? help {2}q quit {2}│ snapshot: /);
    expect(line).not.toContain('c ack');
    expect(line.length).toBeLessThanOrEqual(120);
    const path = '/home/someone/.local/state/tokentop/snapshots/tokentop-snapshot-20261202-104752.json';
    // Too long beside help and quit: the notice gets a row of its own, the path whole (the folder is where to open it).
    const narrow = render(`snapshot: ${path} (+ .txt)`, 110).split('\n');
    expect(narrow).toEqual(['? help  q quit', `snapshot: ${path} (+ .txt)`]);
    expect(footerRows(`snapshot: ${path} (+ .txt)`, 110, 'live')).toBe(2);
    // Past even a row of its own, its start gives way, never its folder and file.
    const tiny = render(`snapshot: ${path} (+ .txt)`, 60).split('\n');
    expect(tiny[1]).toMatch(/^….*\/snapshots\/tokentop-snapshot-20261202-104752\.json \(\+ \.txt\)$/);
  });
});
