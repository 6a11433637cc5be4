/**
 * The root component: the store's snapshots (useSyncExternalStore), the terminal's size, and keys.
 * Keys are read raw (ui/key-names.ts: arrows, paging, function keys, the mouse wheel) and looked up
 * in the key table; the help and the anomaly view are this component's own state, the rest goes out.
 */
import { useStdin } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { MonitorStore } from '../store/monitor-store.js';
import { Screen, type AnomalyViewState } from './Screen.js';
import { keyNames } from './key-names.js';
import { bindingFor, type Binding, type ScreenAction } from './keymap.js';
import { lampAnomaly } from './lamp-anomaly.js';
import { useWindowSize } from './use-window-size.js';

export interface AppProps {
  readonly store: Pick<MonitorStore, 'subscribe' | 'getSnapshot'>;
  readonly color: boolean;
  /** Keys whose action is the store's or the session's go out (evidence with the anomaly shown); the help and the anomaly view are the App's own state. */
  readonly onKey: (binding: Binding, anomalyId?: string) => void;
  /** A fixed size (tests); else the terminal's, followed on resize. */
  readonly size?: { readonly cols: number; readonly rows: number };
}

export function App({ store, color, onKey, size }: AppProps): ReactNode {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const measured = useWindowSize();
  const { cols, rows } = size ?? measured;
  const [help, setHelp] = useState<number | undefined>(undefined);
  const [view, setView] = useState<AnomalyViewState | undefined>(undefined);
  // The input handler is set once; it reads what is shown now through these.
  const shown = useRef({ help, view });
  shown.current = { help, view };
  const { internal_eventEmitter: input, setRawMode, isRawModeSupported } = useStdin();

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    return () => {
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const newestFirst = (): string[] => [...store.getSnapshot().anomalies].reverse().map((a) => a.id);
    const screen = (action: ScreenAction): void => {
      const { help: helpAt, view: open } = shown.current;
      const count = newestFirst().length;
      if (action === 'help') setHelp(helpAt === undefined ? 0 : undefined);
      else if (action === 'close') {
        if (helpAt !== undefined) setHelp(undefined);
        else setView(undefined);
      } else if (helpAt !== undefined) {
        if (action === 'next' || action === 'previous') setHelp(Math.max(0, helpAt + (action === 'next' ? 1 : -1)));
      } else if (action === 'details') {
        // The anomaly the lamp names, not the oldest note.
        const s = store.getSnapshot();
        const named = lampAnomaly(s);
        if (count > 0) setView({ mode: 'detail', index: Math.max(0, named === undefined ? 0 : newestFirst().indexOf(named.id)) });
      } else if (open !== undefined) {
        if (action === 'next') setView({ ...open, index: Math.min(count - 1, open.index + 1) });
        else if (action === 'previous') setView({ ...open, index: Math.max(0, open.index - 1) });
        else if (action === 'list') setView({ ...open, mode: open.mode === 'list' ? 'detail' : 'list' });
        else if (action === 'open') setView({ ...open, mode: 'detail' });
      }
    };
    const onData = (data: string | Buffer): void => {
      for (const name of keyNames(String(data))) {
        const { help: helpAt, view: open } = shown.current;
        const binding = bindingFor(name, store.getSnapshot().clock.mode, helpAt !== undefined || open !== undefined ? 'overlay' : 'screen');
        if (binding === undefined) continue;
        const action = binding.action;
        if ('screen' in action) screen(action.screen);
        else if ('session' in action && action.session === 'evidence') {
          // Only from the anomaly view: the bundle is of the anomaly shown there.
          const id = open === undefined ? undefined : newestFirst()[open.index];
          if (id !== undefined) onKey(binding, id);
        } else onKey(binding);
      }
    };
    input.on('input', onData);
    return () => {
      input.off('input', onData);
    };
  }, [input, store, onKey]);

  // One row short of the terminal: a full last row would scroll it.
  return <Screen snapshot={snapshot} cols={cols} rows={Math.max(1, rows - 1)} color={color} help={help} anomalyView={view} />;
}
