/**
 * The live monitor's root: reads the store's snapshots, measures the terminal, dispatches keys
 * from the key table. Everything it shows is <Screen>, a pure function of the snapshot and size.
 */
import { useInput } from 'ink';
import { type ReactNode, useRef, useState, useSyncExternalStore } from 'react';
import type { MonitorSnapshot } from '../store/snapshot.js';
import { bindingFor, type Binding } from './keymap.js';
import { Screen } from './Screen.js';
import { useWindowSize, type WindowSize } from './use-window-size.js';

/** The store as the UI sees it; both are bound functions (useSyncExternalStore calls them bare). */
export interface SnapshotSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => MonitorSnapshot;
}

export interface AppProps {
  readonly store: SnapshotSource;
  readonly color: boolean;
  /** Keys whose action is the store's or the session's go out (evidence with the anomaly shown); the help and the detail are the App's own state. */
  readonly onKey: (binding: Binding, anomalyId?: string) => void;
  /** A fixed size (tests); otherwise the terminal is measured. */
  readonly size?: WindowSize;
}

export function App({ store, color, onKey, size }: AppProps): ReactNode {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const measured = useWindowSize();
  const { cols, rows } = size ?? measured;
  const [showHelp, setShowHelp] = useState(false);
  // Which anomaly the detail view shows, newest first; undefined when it is closed.
  const [detail, setDetail] = useState<number | undefined>(undefined);
  // The input handler is made once per render; the key reads the detail shown now.
  const detailRef = useRef(detail);
  detailRef.current = detail;
  useInput((input, key) => {
    // Esc closes what is open over the screen.
    if (key.escape) {
      setShowHelp(false);
      setDetail(undefined);
      return;
    }
    // Several keys can arrive in one read (typed fast, pasted): each counts.
    const presses = key.tab || key.ctrl || input.length <= 1 ? [input] : [...input];
    for (const one of presses) {
      const binding = bindingFor({ input: one, tab: key.tab, ctrl: key.ctrl }, store.getSnapshot().clock.mode);
      if (binding === undefined) continue;
      const action = binding.action;
      if ('screen' in action && action.screen === 'help') setShowHelp((shown) => !shown);
      else if ('screen' in action && action.screen === 'details') {
        const count = store.getSnapshot().anomalies.length;
        setDetail((d) => (count === 0 ? undefined : d === undefined ? 0 : d + 1 < count ? d + 1 : undefined));
      } else if ('session' in action && action.session === 'evidence') {
        // Only from the detail view: the bundle is of the anomaly shown there.
        const shown = detailRef.current === undefined ? undefined : [...store.getSnapshot().anomalies].reverse()[detailRef.current];
        if (shown !== undefined) onKey(binding, shown.id);
      } else onKey(binding);
    }
  });
  // One row short of the terminal: a full last row would scroll it.
  return <Screen snapshot={snapshot} cols={cols} rows={Math.max(1, rows - 1)} color={color} showHelp={showHelp} detail={detail} />;
}
