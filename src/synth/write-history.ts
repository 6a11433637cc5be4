/** Write a synthetic history of about `targetBytes` into a config dir, as fast as the disk takes it. */
import { AppendWriter } from './append-writer.js';
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
  const writer = new AppendWriter(configDir);
  let sessions = 0;
  while (writer.bytes < options.targetBytes) {
    writer.write(generator.nextSession());
    sessions += 1;
  }
  return { bytes: writer.bytes, files: writer.fileCount, sessions, truth: generator.truth };
}
