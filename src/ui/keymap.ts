/**
 * Keybindings are data: one table, each entry its keys, what it does and its description
 * (lazygit's binding records). The input handlers dispatch from it: a store command goes to
 * `MonitorStore.command`, a screen action stays in the App, a session action goes to the screen
 * session (quit, snapshot, evidence, a replay's speed). The footer and the help are generated from it.
 */
import type { StoreCommand } from '../store/snapshot.js';

export type Command =
  | 'pause' | 'snapshot' | 'window' | 'focus' | 'details' | 'acknowledge' | 'quota' | 'models' | 'sort'
  | 'down' | 'up' | 'page-down' | 'page-up' | 'top' | 'bottom'
  | 'faster' | 'slower' | 'help' | 'close' | 'suspend' | 'quit'
  | 'next' | 'previous' | 'list' | 'open' | 'evidence';

/** Live monitoring, or a replay of recorded transcripts on a virtual clock. */
export type ScreenMode = 'live' | 'replay';

/** What the App itself shows: the help, the anomaly view (its detail and its list), and moving in them. */
export type ScreenAction = 'help' | 'details' | 'close' | 'next' | 'previous' | 'list' | 'open';
/** What the screen session does: leave, suspend, write files, set a replay's speed. */
export type SessionAction = 'quit' | 'suspend' | 'snapshot' | 'evidence' | 'faster' | 'slower';
export type KeyAction = { readonly store: StoreCommand } | { readonly screen: ScreenAction } | { readonly session: SessionAction };

/** Where a key works: the screen, or over it (the help, the anomaly view), where its keys are looked up first. */
export type KeyScope = 'screen' | 'overlay';

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
  /** Over the screen (help, anomaly view) only; the screen's keys otherwise (they work over it too, unless an overlay key has the same key). */
  readonly scope?: KeyScope;
  /** Left out of the footer (its pair says it: `j scroll` for k too); the help lists it. */
  readonly footer?: false;
}

/** Page keys move the sessions table this many rows. */
const PAGE = 10;

export const KEYMAP: readonly Binding[] = [
  { command: 'pause', action: { store: 'pause' }, keys: ['p', 'space'], label: 'pause', description: 'Freeze the display; reading goes on and counts what arrives meanwhile.' },
  { command: 'snapshot', action: { session: 'snapshot' }, keys: ['s'], label: 'snapshot', description: 'Write tokentop-snapshot-<time>.json and .txt (the screen as shown).' },
  { command: 'window', action: { store: 'window' }, keys: ['w'], label: 'window', description: 'Cycle the chart window: 5m, 15m, 1h, 6h (in the quota view: 5h, 24h, 7d).' },
  { command: 'quota', action: { store: 'quota' }, keys: ['u'], label: 'quota', description: 'The quota view: 5h and 7d usage over time beside local tokens, resets marked, tokens per 1% and when the window fills.' },
  { command: 'focus', action: { store: 'focus' }, keys: ['tab'], label: 'focus', description: 'Show one session alone, the next one, then all again.' },
  { command: 'details', action: { screen: 'details' }, keys: ['a'], label: 'anomaly', description: 'The anomaly view: the one the lamp names with its evidence; a or tab again for the list of all.' },
  { command: 'acknowledge', action: { store: 'acknowledge' }, keys: ['c'], label: 'ack', description: 'Acknowledge the anomalies lighting the lamp: dimmed, they no longer light it until a new one comes.' },
  { command: 'models', action: { store: 'models' }, keys: ['m'], label: 'models', description: "Per model: the window's tokens by type, responses and estimated cost (of the focused session when one is)." },
  { command: 'sort', action: { store: 'sort' }, keys: ['o'], label: 'sort', description: 'Order the sessions by last activity, tokens or cost.' },
  { command: 'down', action: { store: { scroll: 1 } }, keys: ['j', 'down', 'wheel-down'], label: 'j/k scroll', description: 'Scroll the sessions table down (the mouse wheel too, where the terminal reports it); "+N more" says what is below.' },
  { command: 'up', action: { store: { scroll: -1 } }, keys: ['k', 'up', 'wheel-up'], label: 'up', description: 'Scroll the sessions table up.', footer: false },
  { command: 'page-down', action: { store: { scroll: PAGE } }, keys: ['pagedown'], label: 'page down', description: `Scroll the sessions table ${PAGE} rows down.`, footer: false },
  { command: 'page-up', action: { store: { scroll: -PAGE } }, keys: ['pageup'], label: 'page up', description: `Scroll the sessions table ${PAGE} rows up.`, footer: false },
  { command: 'top', action: { store: { scrollTo: 'top' } }, keys: ['home'], label: 'top', description: 'The top of the sessions table.', footer: false },
  { command: 'bottom', action: { store: { scrollTo: 'bottom' } }, keys: ['end'], label: 'bottom', description: 'The end of the sessions table.', footer: false },
  { command: 'faster', action: { session: 'faster' }, keys: ['+'], label: 'faster', description: 'Replay twice as fast.', modes: ['replay'] },
  { command: 'slower', action: { session: 'slower' }, keys: ['-'], label: 'slower', description: 'Replay half as fast.', modes: ['replay'] },
  { command: 'help', action: { screen: 'help' }, keys: ['?', 'f1'], label: 'help', description: 'Show or hide this help.' },
  { command: 'close', action: { screen: 'close' }, keys: ['escape'], label: 'close', description: 'Close the help or the anomaly view.', footer: false },
  { command: 'suspend', action: { session: 'suspend' }, keys: ['ctrl-z'], label: 'suspend', description: 'Suspend tokentop (fg brings the screen back).', footer: false },
  { command: 'quit', action: { session: 'quit' }, keys: ['q', 'f10', 'ctrl-c'], label: 'quit', description: 'Quit and print a summary of the watched period.' },
  // Over the screen: the anomaly view and the help.
  { command: 'next', action: { screen: 'next' }, keys: ['j', 'down', 'right', 'wheel-down'], label: 'j/k move', description: 'The next (older) anomaly, in its detail or the list; in the help, further down.', scope: 'overlay' },
  { command: 'previous', action: { screen: 'previous' }, keys: ['k', 'up', 'left', 'wheel-up'], label: 'previous', description: 'The newer anomaly; in the help, back up.', scope: 'overlay', footer: false },
  { command: 'list', action: { screen: 'list' }, keys: ['a', 'tab'], label: 'list', description: 'From an anomaly to the list of all (severity, age, id), and back.', scope: 'overlay' },
  { command: 'open', action: { screen: 'open' }, keys: ['enter'], label: 'open', description: "The list's anomaly in full.", scope: 'overlay' },
  { command: 'evidence', action: { session: 'evidence' }, keys: ['e'], label: 'evidence', description: "Write the anomaly's evidence bundle (to tokentop's state dir; the footer names the folder). Check it with 'tokentop verify DIR'.", scope: 'overlay' },
];

/** The bindings that work in `mode` (and `scope`: the screen's, or those over it). */
export function keysFor(mode: ScreenMode, scope: KeyScope = 'screen'): Binding[] {
  return KEYMAP.filter((b) => (b.modes === undefined || b.modes.includes(mode)) && (b.scope ?? 'screen') === scope);
}

/** The binding of key `name` (see key-names.ts) in `mode`: over the screen, its own keys first, then the screen's. */
export function bindingFor(name: string, mode: ScreenMode = 'live', scope: KeyScope = 'screen'): Binding | undefined {
  const own = scope === 'overlay' ? keysFor(mode, 'overlay').find((b) => b.keys.includes(name)) : undefined;
  return own ?? keysFor(mode).find((b) => b.keys.includes(name));
}
