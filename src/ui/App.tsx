/**
 * The root component: the store's snapshots (useSyncExternalStore), the terminal's size, and keys.
 * Keys are read raw (ui/key-names.ts: arrows, paging, function keys, the mouse wheel) and looked up
 * in the key table; the help and the anomaly view are this component's own state, the rest goes out.
 */
import { useStdin } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { MonitorStore } from '../store/monitor-store.js';
import { anomalyViewIndex, Screen, type AnomalyViewState } from './Screen.js';
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
  const [help, setHelpState] = useState<number | undefined>(undefined);
  const [view, setViewState] = useState<AnomalyViewState | undefined>(undefined);
  // The input handler is set once; it reads what is shown now through these.
  const shown = useRef({ help, view });
  shown.current = { help, view };
  // Several keys can come in one read (typed fast, pasted, or a test's send-keys): each must see what
  // the one before it did, not the last render (j j j moved one row; Down Up Down Enter opened the
  // first anomaly again). So the ref is set with the state, not only at the next render.
  const setHelp = (next: number | undefined): void => {
    shown.current = { ...shown.current, help: next };
    setHelpState(next);
  };
  const setView = (next: AnomalyViewState | undefined): void => {
    shown.current = { ...shown.current, view: next };
    setViewState(next);
  };
  const { internal_eventEmitter: input, setRawMode, isRawModeSupported } = useStdin();

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    return () => {
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const newestFirst = (): string[] => [...store.getSnapshot().anomalies].reverse().map((a) => a.id);
    /** The view at the anomaly `step` places from where `open` is now (0: the same). */
    const moved = (open: AnomalyViewState, step: number, mode = open.mode): AnomalyViewState => {
      const ids = newestFirst();
      const index = Math.max(0, Math.min(ids.length - 1, anomalyViewIndex(open, ids.map((id) => ({ id }))) + step));
      return { mode, id: ids[index] ?? open.id, index };
    };
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
        const ids = newestFirst();
        const index = Math.max(0, named === undefined ? 0 : ids.indexOf(named.id));
        const id = ids[index];
        if (count > 0 && id !== undefined) setView({ mode: 'detail', id, index });
      } else if (open !== undefined) {
        if (action === 'next') setView(moved(open, 1));
        else if (action === 'previous') setView(moved(open, -1));
        else if (action === 'list') setView(moved(open, 0, open.mode === 'list' ? 'detail' : 'list'));
        else if (action === 'open') setView(moved(open, 0, 'detail'));
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
          const id = open === undefined ? undefined : moved(open, 0).id;
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
