/**
 * Tells which transcript files changed, appeared or went away under the watched roots (chokidar,
 * over inotify/FSEvents: no polling, so an idle watch costs no CPU). It reports paths; reading
 * them is the tailer's job. New dirs (a new project, a sub-agent's `subagents/`) are watched as
 * they appear.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { watch, type FSWatcher } from 'chokidar';
import { isTranscriptFile } from './transcript-path.js';

export type WatchEvent =
  | { readonly kind: 'changed'; readonly path: string }
  /** A new dir: files written into it before it was watched get no event of their own, so scan it. */
  | { readonly kind: 'dir-added'; readonly path: string }
  | { readonly kind: 'removed'; readonly path: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * What tells the live drivers which files changed: chokidar's watch (inotify/FSEvents) here; a test
 * or another platform may hand in its own (nxadm/tail's FileWatcher: inotify and polling behind one
 * interface), so the drivers' tests need not wait on the real file system's events.
 */
export interface ChangeSource {
  /** Resolves once the existing tree is being watched. */
  start(): Promise<void>;
  /** Watch more dirs (ones reached through symlinks). */
  add(paths: readonly string[]): void;
  close(): Promise<void>;
}

/** Makes the change source of some roots: `watchTranscripts` unless a caller hands in another. */
export type ChangeSourceFactory = (roots: readonly string[], onEvent: (event: WatchEvent) => void) => ChangeSource;

export const watchTranscripts: ChangeSourceFactory = (roots, onEvent) => new TranscriptWatcher(roots, onEvent);

export class TranscriptWatcher implements ChangeSource {
  private watcher: FSWatcher | undefined;

  private ready: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly roots: readonly string[],
    private readonly onEvent: (event: WatchEvent) => void,
  ) {}

  /** Resolves once the existing tree is being watched (at once when there is nothing to watch). */
  start(): Promise<void> {
    // chokidar never says 'ready' for an empty list: a source with nothing to watch would hang its caller.
    // Closed before it started (q at start-up): a watch made now would never be closed.
    if (this.roots.length === 0 || this.closed) return Promise.resolve();
    const watcher = watch([...this.roots], {
      ignoreInitial: true,
      persistent: true,
      // Links are not followed here (a loop made chokidar spin: CPU over 100%, +30 MB/s): the walk
      // in find-transcripts.ts follows them with a loop guard, and the dirs it reached are added.
      followSymlinks: false,
      // Files other than transcripts are never reported; dirs are always entered.
      ignored: (path, stats) => stats !== undefined && !stats.isDirectory() && !isTranscriptFile(path),
    });
    this.watcher = watcher;
    const changed = (path: string): void => this.onEvent({ kind: 'changed', path });
    watcher.on('add', changed);
    watcher.on('change', changed);
    watcher.on('unlink', (path) => this.onEvent({ kind: 'removed', path }));
    watcher.on('addDir', (path) => this.onEvent({ kind: 'dir-added', path }));
    watcher.on('error', (error) => this.onEvent({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    this.ready = new Promise((resolve) => watcher.once('ready', () => resolve()));
    return this.ready;
  }

  /** Watch more dirs (ones reached through symlinks). */
  add(paths: readonly string[]): void {
    if (paths.length > 0) this.watcher?.add([...paths]);
  }

  /**
   * Closed while it was still setting up (q at start-up), chokidar went on adding watches after its
   * close and the process never exited: it is closed once ready (or after 2 s, whichever comes first).
   */
  async close(): Promise<void> {
    this.closed = true;
    const watcher = this.watcher;
    this.watcher = undefined;
    if (watcher === undefined) return;
    if (this.ready !== undefined) await Promise.race([this.ready, delay(2000, undefined, { ref: false })]);
    await watcher.close();
  }
}
