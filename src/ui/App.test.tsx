import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { fixtureEvents, fixtureStore, NOW } from '../../test/helpers/monitor-fixture.js';
import { App } from './App.js';
import type { Command } from './keymap.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('App', () => {
  it('sends commands from the key table and toggles help itself', async () => {
    const store = fixtureStore();
    const commands: Command[] = [];
    const { stdin, lastFrame, unmount } = render(
      <App store={store} color={false} size={{ cols: 100, rows: 30 }} onKey={(b) => commands.push(b.command)} />,
    );
    await tick();
    for (const key of ['p', ' ', 's', 'w', '\t', 'x', 'q']) {
      stdin.write(key);
      await tick();
    }
    expect(commands).toEqual(['pause', 'pause', 'snapshot', 'window', 'focus', 'quit']);
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('tokentop keys');
    stdin.write('?');
    await tick();
    expect(lastFrame()).not.toContain('tokentop keys');
    unmount();
  });

  it('counts every key of a read that holds several, and Esc closes the help and the anomaly detail', async () => {
    const store = fixtureStore(NOW, { runaway: true });
    const commands: Command[] = [];
    const { stdin, lastFrame, unmount } = render(<App store={store} color={false} size={{ cols: 100, rows: 30 }} onKey={(b) => commands.push(b.command)} />);
    await tick();
    stdin.write('pws');
    await tick();
    expect(commands).toEqual(['pause', 'window', 'snapshot']);
    stdin.write('a');
    await tick();
    expect(lastFrame()).toMatch(/ \(\d+ of \d+\)/);
    stdin.write('\u001b');
    await tick();
    expect(lastFrame()).not.toMatch(/\(1 of \d+/);
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('tokentop keys');
    stdin.write('\u001b');
    await tick();
    expect(lastFrame()).not.toContain('tokentop keys');
    unmount();
  });

  it('shows what the store publishes: PAUSED with a count, then LIVE again', async () => {
    const store = fixtureStore();
    const { lastFrame, unmount } = render(<App store={store} color={false} size={{ cols: 100, rows: 30 }} onKey={() => undefined} />);
    await tick();
    expect(lastFrame()).toContain('LIVE');
    store.command('pause', NOW);
    const late = fixtureEvents().find((e) => e.kind === 'usage');
    if (late !== undefined) store.apply({ ...late, key: 'late' });
    store.tick(NOW + 1000);
    await tick();
    expect(lastFrame()).toContain('PAUSED (+1 new)');
    store.command('pause', NOW + 2000);
    await tick();
    expect(lastFrame()).toContain('LIVE');
    unmount();
  });

  it('lights the lamp for a critical anomaly; a opens its detail with the evidence, a again the list, Esc closes', async () => {
    const store = fixtureStore();
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'proxy' as const });
    const { stdin, lastFrame, unmount } = render(<App store={store} color={false} size={{ cols: 100, rows: 40 }} onKey={() => undefined} />);
    await tick();
    expect(lastFrame()).toMatch(/reset anomalies\s+OK/i);
    store.applyReading(reading(NOW + 1000, 0.31));
    store.applyReading(reading(NOW + 11_000, 0.02));
    store.tick(NOW + 12_000);
    await tick();
    expect(lastFrame()).toContain('ANOMALY (1)');
    expect(lastFrame()).toContain('counter-reset: 5h quota counter fell from 31% to 2% with 2h59m left before…');
    stdin.write('a');
    await tick();
    expect(lastFrame()).toContain('CRITICAL counter-reset  (1 of 1)');
    expect(lastFrame()).toMatch(/j\/k move +a list +enter open +e evidence/);
    expect(lastFrame()).toMatch(/5h 31\.0% allowed reset .* \(proxy\)/);
    stdin.write('a');
    await tick();
    expect(lastFrame()).toMatch(/Anomalies \(1, newest first/);
    expect(lastFrame()).toMatch(/critical +(just now|\S+ ago) +counter-reset +counter-reset:-:\d+ +5h quota counter fell/);
    stdin.write('\u001b');
    await tick();
    expect(lastFrame()).not.toContain('(1 of 1');
    expect(lastFrame()).not.toContain('newest first');
    unmount();
  });

  it('keeps the anomaly a person is reading when a newer one comes in (the view follows it, not its place)', async () => {
    const store = fixtureStore();
    const reading = (time: number, utilization: number) => ({ window: '5h' as const, time, utilization, status: 'allowed', resetAt: NOW + 3 * 3_600_000, remaining: undefined, limit: undefined, source: 'proxy' as const });
    const { stdin, lastFrame, unmount } = render(<App store={store} color={false} size={{ cols: 100, rows: 40 }} onKey={() => undefined} />);
    store.applyReading(reading(NOW + 1000, 0.31));
    store.applyReading(reading(NOW + 11_000, 0.02));
    store.tick(NOW + 12_000);
    await tick();
    stdin.write('a');
    await tick();
    expect(lastFrame()).toContain('CRITICAL counter-reset  (1 of 1)');
    expect(lastFrame()).toContain('from 31% to 2%');
    // A second fall, later: a newer anomaly, first in the list.
    store.applyReading(reading(NOW + 61_000, 0.4));
    store.applyReading(reading(NOW + 71_000, 0.05));
    store.tick(NOW + 72_000);
    await tick();
    expect(lastFrame()).toContain('CRITICAL counter-reset  (2 of 2)');
    expect(lastFrame()).toContain('from 31% to 2%');
    // The list opens at it too, and k moves to the newer one.
    stdin.write('a');
    await tick();
    expect(lastFrame()).toMatch(/Anomalies \(2, newest first/);
    stdin.write('\r');
    await tick();
    expect(lastFrame()).toContain('(2 of 2)');
    stdin.write('k');
    await tick();
    expect(lastFrame()).toContain('(1 of 2)');
    expect(lastFrame()).toContain('from 40% to 5%');
    // Keys in one read each act on what the one before did: list, down, up, down, open = the older one.
    stdin.write('a\u001b[B\u001b[A\u001b[B\r');
    await tick();
    expect(lastFrame()).toContain('(2 of 2)');
    expect(lastFrame()).toContain('from 31% to 2%');
    unmount();
  });
});
