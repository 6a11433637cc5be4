/**
 * Writes timed appends to the files they name under a root dir: the one writer behind the demo (in
 * real time) and the benchmark's histories (as fast as the disk takes them).
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileAppend } from './session-script.js';

export class AppendWriter {
  private readonly dirs = new Set<string>();
  private readonly files = new Set<string>();
  bytes = 0;

  constructor(private readonly root: string) {}

  get fileCount(): number {
    return this.files.size;
  }

  /** Append each line to its file, in order; a `.json` file (sub-agent meta) is written whole. */
  write(appends: readonly FileAppend[]): void {
    const byFile = new Map<string, string[]>();
    for (const a of appends) {
      let lines = byFile.get(a.path);
      if (lines === undefined) byFile.set(a.path, (lines = []));
      lines.push(a.path.endsWith('.json') ? a.line : `${a.line}\n`);
    }
    for (const [path, lines] of byFile) {
      const full = join(this.root, path);
      const dir = dirname(full);
      if (!this.dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.dirs.add(dir);
      }
      const body = lines.join('');
      if (path.endsWith('.json')) writeFileSync(full, body);
      else appendFileSync(full, body);
      this.files.add(full);
      this.bytes += Buffer.byteLength(body);
    }
  }
}
