/**
 * The trailing edge of a burst: a file that just gave bytes is read once more a little later, and
 * again while it keeps giving. The watcher drops a change event that follows another closely (seen:
 * the second of two lines 33-48 ms apart waited for the next write, 9 times in 10), so the last
 * write of a burst is never left to an event that may not come. The live reader also scans new dirs
 * again through one, a second after they appear (pipeline/live/live-ingest.ts).
 */
export const TRAIL_MS = 250;

export class TrailingRead {
  private readonly files = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param reread looks at the paths again (and tells of those that gave bytes through `again`).
   * @param delayMs how long after the first path of a burst.
   */
  constructor(
    private readonly reread: (files: readonly string[]) => void,
    private readonly delayMs = TRAIL_MS,
  ) {}

  /** `file` is to be looked at again: it gave bytes just now (or, a dir, it just appeared). */
  again(file: string): void {
    this.files.add(file);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const files = [...this.files];
      this.files.clear();
      this.reread(files);
    }, this.delayMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.files.clear();
  }
}
