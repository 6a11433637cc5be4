/** A command line node's parser refused, said for a person: the flag, and the nearest one there is. */
import type { CommandSpec } from './options.js';

/** What node's parser refused, said for a person: the flag, and the nearest one the command has. */
export function parseMistake(spec: CommandSpec, argv: readonly string[], error: unknown): string {
  const command = `tokentop${spec.name === '' ? '' : ` ${spec.name}`}`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^'\s]*)/.exec(message)?.[1] ?? argv.find((a) => a.startsWith('-')) ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const names = Object.keys(spec.options).map((n) => `--${n}`);
    const near = closest(flag.replace(/=.*$/, ''), names);
    return `${command} has no ${flag}${near === undefined ? '' : `: did you mean ${near}?`} (${command} --help lists its flags)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${flag} needs a value (${command} --help)`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${command} takes no PATH (${command} --help)`;
  return `${message.split('. ')[0] ?? message} (${command} --help)`;
}

/** The name nearest `word` within a few edits, if one is: a typo's likely meaning. */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] ?? 0;
}
