/**
 * Keybindings are data: one table, command -> keys -> description. The input handler dispatches
 * from it, and the footer and the help overlay are generated from it.
 */
export type Command = 'pause' | 'snapshot' | 'window' | 'focus' | 'help' | 'quit';

export interface Binding {
  readonly command: Command;
  /** As shown to a person. */
  readonly keys: readonly string[];
  /** One or two words for the footer. */
  readonly label: string;
  /** A sentence for the help overlay. */
  readonly description: string;
}

export const KEYMAP: readonly Binding[] = [
  { command: 'pause', keys: ['p', 'space'], label: 'pause', description: 'Freeze the display; reading goes on and counts what arrives meanwhile.' },
  { command: 'snapshot', keys: ['s'], label: 'snapshot', description: 'Write tokentop-snapshot-<time>.json and .txt (the screen as shown).' },
  { command: 'window', keys: ['w'], label: 'window', description: 'Cycle the chart window: 5m, 15m, 1h, 6h.' },
  { command: 'focus', keys: ['tab'], label: 'focus', description: 'Show one session alone, the next one, then all again.' },
  { command: 'help', keys: ['?'], label: 'help', description: 'Show or hide this help.' },
  { command: 'quit', keys: ['q', 'ctrl-c'], label: 'quit', description: 'Quit and print a summary of the watched period.' },
];

/** What Ink's useInput reports, as far as the key table needs it. */
export interface KeyPress {
  readonly input: string;
  readonly tab: boolean;
  readonly ctrl: boolean;
}

/** The command a key press means, if any. */
export function commandFor(press: KeyPress): Command | undefined {
  const name = press.tab ? 'tab' : press.ctrl && press.input === 'c' ? 'ctrl-c' : press.input === ' ' ? 'space' : press.input;
  return KEYMAP.find((b) => b.keys.includes(name))?.command;
}
