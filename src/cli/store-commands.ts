/** The keys' commands that change only the store's view: one table for the full screen and the plain one. */
import type { MonitorStore } from '../store/monitor-store.js';
import type { Command } from '../ui/keymap.js';

const VIEW_COMMANDS: Partial<Record<Command, (store: MonitorStore, at: number) => void>> = {
  pause: (s, at) => s.togglePause(at),
  window: (s, at) => s.cycleWindow(at),
  focus: (s, at) => s.cycleFocus(at),
  acknowledge: (s, at) => s.acknowledge(at),
  quota: (s, at) => s.toggleQuotaView(at),
  models: (s, at) => s.toggleModelsView(at),
  sort: (s, at) => s.cycleSort(at),
  down: (s, at) => s.scrollSessions(1, at),
  up: (s, at) => s.scrollSessions(-1, at),
};

/** Apply `command` to `store` when it is a view command; false when it is not one (quit, snapshot, …). */
export function applyViewCommand(store: MonitorStore, command: Command, at: number): boolean {
  const apply = VIEW_COMMANDS[command];
  if (apply === undefined) return false;
  apply(store, at);
  return true;
}
