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
      <App store={store} color={false} size={{ cols: 100, rows: 30 }} onColumns={(c) => store.setColumns(c, NOW)} onCommand={(c) => commands.push(c)} />,
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

  it('shows what the store publishes: PAUSED with a count, then LIVE again', async () => {
    const store = fixtureStore();
    const { lastFrame, unmount } = render(<App store={store} color={false} size={{ cols: 100, rows: 30 }} onColumns={(c) => store.setColumns(c, NOW)} onCommand={() => undefined} />);
    await tick();
    expect(lastFrame()).toContain('LIVE');
    store.togglePause(NOW);
    const late = fixtureEvents().find((e) => e.kind === 'usage');
    if (late !== undefined) store.apply({ ...late, key: 'late' });
    store.tick(NOW + 1000);
    await tick();
    expect(lastFrame()).toContain('PAUSED (+1 new)');
    store.togglePause(NOW + 2000);
    await tick();
    expect(lastFrame()).toContain('LIVE');
    unmount();
  });
});
