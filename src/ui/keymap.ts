/**
 * Keybindings are data: one table, each entry its keys, what it does and its description
 * (lazygit's binding records). The input handlers dispatch from it: a store command goes to
 * `MonitorStore.command`, a screen action stays in the App, a session action goes to the screen
 * session (quit, snapshot, evidence, a replay's speed). The footer and the help are generated from it.
 */
import type { StoreCommand } from '../store/snapshot.js';

export type Command = 'pause' | 'snapshot' | 'window' | 'focus' | 'details' | 'evidence' | 'acknowledge' | 'quota' | 'models' | 'sort' | 'down' | 'up' | 'faster' | 'slower' | 'help' | 'quit';

/** Live monitoring, or a replay of recorded transcripts on a virtual clock. */
export type ScreenMode = 'live' | 'replay';

/** What the App itself shows: the help, the anomaly detail. */
export type ScreenAction = 'help' | 'details';
/** What the screen session does: leave, write files, set a replay's speed. */
export type SessionAction = 'quit' | 'snapshot' | 'evidence' | 'faster' | 'slower';
export type KeyAction = { readonly store: StoreCommand } | { readonly screen: ScreenAction } | { readonly session: SessionAction };

export interface Binding {
  readonly command: Command;
  readonly action: KeyAction;
  /** As shown to a person. */
  readonly keys: readonly string[];
  /** One or two words for the footer. */
  readonly label: string;
  /** A sentence for the help overlay. */
  readonly description: string;
  /** The modes the key works in; all when absent. */
  readonly modes?: readonly ScreenMode[];
  /** Left out of the footer (its pair says it: `j scroll` for k too); the help lists it. */
  readonly footer?: false;
}

export const KEYMAP: readonly Binding[] = [
  { command: 'pause', action: { store: 'pause' }, keys: ['p', 'space'], label: 'pause', description: 'Freeze the display; reading goes on and counts what arrives meanwhile.' },
  { command: 'snapshot', action: { session: 'snapshot' }, keys: ['s'], label: 'snapshot', description: 'Write tokentop-snapshot-<time>.json and .txt (the screen as shown).' },
  { command: 'window', action: { store: 'window' }, keys: ['w'], label: 'window', description: 'Cycle the chart window: 5m, 15m, 1h, 6h (in the quota view: 5h, 24h, 7d).' },
  { command: 'quota', action: { store: 'quota' }, keys: ['u'], label: 'quota', description: 'The quota view: 5h and 7d usage over time beside local tokens, resets marked, tokens per 1% and when the window fills.' },
  { command: 'focus', action: { store: 'focus' }, keys: ['tab'], label: 'focus', description: 'Show one session alone, the next one, then all again.' },
  { command: 'details', action: { screen: 'details' }, keys: ['a'], label: 'anomaly', description: 'Show the latest anomaly with its evidence, then the one before, then close.' },
  { command: 'evidence', action: { session: 'evidence' }, keys: ['e'], label: 'evidence', description: "In an anomaly's detail: write its evidence bundle (to tokentop's state dir; the footer names the folder). Check it with 'tokentop verify DIR'.", footer: false },
  { command: 'acknowledge', action: { store: 'acknowledge' }, keys: ['c'], label: 'ack', description: 'Acknowledge the anomalies lighting the lamp: dimmed, they no longer light it until a new one comes.' },
  { command: 'models', action: { store: 'models' }, keys: ['m'], label: 'models', description: 'Per model: the window\'s tokens by type, responses and estimated cost (of the focused session when one is).' },
  { command: 'sort', action: { store: 'sort' }, keys: ['o'], label: 'sort', description: 'Order the sessions by last activity, tokens or cost.' },
  { command: 'down', action: { store: { scroll: 1 } }, keys: ['j'], label: 'j/k scroll', description: 'Scroll the sessions table down; "+N more" says what is below.' },
  { command: 'up', action: { store: { scroll: -1 } }, keys: ['k'], label: 'up', description: 'Scroll the sessions table up.', footer: false },
  { command: 'faster', action: { session: 'faster' }, keys: ['+'], label: 'faster', description: 'Replay twice as fast.', modes: ['replay'] },
  { command: 'slower', action: { session: 'slower' }, keys: ['-'], label: 'slower', description: 'Replay half as fast.', modes: ['replay'] },
  { command: 'help', action: { screen: 'help' }, keys: ['?'], label: 'help', description: 'Show or hide this help.' },
  { command: 'quit', action: { session: 'quit' }, keys: ['q', 'ctrl-c'], label: 'quit', description: 'Quit and print a summary of the watched period.' },
];

/** What Ink's useInput reports, as far as the key table needs it. */
export interface KeyPress {
  readonly input: string;
  readonly tab: boolean;
  readonly ctrl: boolean;
}

/** The bindings that work in `mode`. */
export function keysFor(mode: ScreenMode): Binding[] {
  return KEYMAP.filter((b) => b.modes === undefined || b.modes.includes(mode));
}

/** The binding of a key press in `mode`, if any. */
export function bindingFor(press: KeyPress, mode: ScreenMode = 'live'): Binding | undefined {
  const name = press.tab ? 'tab' : press.ctrl && press.input === 'c' ? 'ctrl-c' : press.input === ' ' ? 'space' : press.input;
  return keysFor(mode).find((b) => b.keys.includes(name));
}
