/** The option tables are the one definition of every flag: help comes from them, and the README must list the same. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closest, commandHelp, COMMANDS, mainHelp, parseCommand, SUMMARY_OPTIONS, synopsis, wrap } from './options.js';

import { KEYMAP } from '../ui/keymap.js';
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's section for a command: from its heading to the next heading of the same level or above. */
function section(heading: string): string {
  const start = README.indexOf(heading);
  if (start < 0) throw new Error(`the README has no section ${heading}`);
  const next = README.slice(start + heading.length).search(/\n##{1,2} /);
  return next < 0 ? README.slice(start) : README.slice(start, start + heading.length + next);
}

const SECTIONS: Record<string, string> = {
  '': '### The live monitor',
  summary: '### `tokentop summary`',
  serve: '### `tokentop serve`',
  evidence: '### `tokentop evidence`',
  verify: '### `tokentop verify`',
  replay: '### `tokentop replay`',
  statusline: '### `tokentop statusline`',
  setup: '### `tokentop setup`',
  'subagent-status': '### `tokentop subagent-status`',
  doctor: '### `tokentop doctor`',
  '--demo': '### `tokentop --demo`',
};

describe('the option tables', () => {
  it.each(COMMANDS.map((c) => [c.name || '(monitor)', c] as const))('%s: the README usage block has its synopsis, and its section names every flag', (_, spec) => {
    const usage = /## Usage\n\n```\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    expect(usage.split('\n')).toContain(synopsis(spec));
    const text = section(SECTIONS[spec.name] ?? '?');
    for (const flag of Object.keys(spec.options).filter((f) => f !== 'help')) expect(text, `--${flag} in ${SECTIONS[spec.name]}`).toContain(`--${flag}`);
  });

  it('the README key table lists every key of the key table', () => {
    const rows = section('### The live monitor').split('\n').filter((l) => l.startsWith('| `'));
    for (const binding of KEYMAP) {
      for (const key of binding.keys) expect(rows.some((r) => r.split('|')[1]?.includes(`\`${key}\``) === true), `key ${key} (${binding.command})`).toBe(true);
    }
  });

  it('gives every command a help that lists each of its flags, and a main help that lists every command and variable', () => {
    const main = mainHelp();
    for (const spec of COMMANDS) {
      const help = commandHelp(spec);
      for (const flag of Object.keys(spec.options)) expect(help).toContain(`--${flag}`);
      for (const flag of Object.keys(spec.options).filter((f) => f !== 'help')) expect(main).toContain(`--${flag}`);
    }
    for (const name of ['CLAUDE_CONFIG_DIR', 'XDG_STATE_HOME', 'NO_COLOR', 'TOKENTOP_DEBUG']) expect(main).toContain(name);
    for (const line of main.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('parses with the same table: defaults, repeats, and unknown flags refused', () => {
    const { values, positionals } = parseCommand(SUMMARY_OPTIONS, ['a', '--proxy-log', 'x', '--json', '--proxy-log', 'y']);
    expect(positionals).toEqual(['a']);
    expect(values['proxy-log']).toEqual(['x', 'y']);
    expect(values.json).toBe(true);
    expect(() => parseCommand(SUMMARY_OPTIONS, ['--nope'])).toThrow(/--nope/);
    // A typo names the nearest flag, no parser text; -j is --json.
    expect(() => parseCommand(SUMMARY_OPTIONS, ['--jsn'])).toThrow('tokentop summary has no --jsn: did you mean --json? (tokentop summary --help lists its flags)');
    expect(() => parseCommand(SUMMARY_OPTIONS, ['--since'])).toThrow('--since needs a value (tokentop summary --help)');
    expect(parseCommand(SUMMARY_OPTIONS, ['-j']).values.json).toBe(true);
    expect(closest('sumary', ['summary', 'serve', 'setup'])).toBe('summary');
    expect(closest('xyz', ['summary', 'serve'])).toBeUndefined();
  });

  it('wraps words to the width and never splits one', () => {
    expect(wrap('aa bb cc dd', 6, '', '  ')).toEqual(['aa bb', '  cc', '  dd']);
  });
});
