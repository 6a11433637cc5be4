/** Write a synthetic history of about `targetBytes` into a config dir, as fast as the disk takes it. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HistoryGenerator, type HistoryOptions } from './history-generator.js';
import type { SynthTruth } from './session-script.js';

export interface WrittenHistory {
  readonly bytes: number;
  readonly files: number;
  readonly sessions: number;
  readonly truth: SynthTruth;
}

export function writeHistory(configDir: string, options: HistoryOptions & { targetBytes: number }): WrittenHistory {
  const generator = new HistoryGenerator(options);
  const files = new Set<string>();
  let bytes = 0;
  let sessions = 0;
  while (bytes < options.targetBytes) {
    const byFile = new Map<string, string[]>();
    for (const append of generator.nextSession()) {
      let lines = byFile.get(append.path);
      if (lines === undefined) byFile.set(append.path, (lines = []));
      lines.push(append.path.endsWith('.json') ? append.line : `${append.line}\n`);
    }
    for (const [path, lines] of byFile) {
      const full = join(configDir, path);
      if (!files.has(full)) mkdirSync(dirname(full), { recursive: true });
      files.add(full);
      const body = lines.join('');
      appendFileSync(full, body);
      bytes += Buffer.byteLength(body);
    }
    sessions += 1;
  }
  return { bytes, files: files.size, sessions, truth: generator.truth };
}
