/**
 * The demo's files: a temp config dir and a proxy-log dir beside it, written from the demo timeline
 * (synth/demo-timeline.ts) either all at once (a recording) or in real time, for the live monitor to
 * tail through the real pipeline like any other files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppendWriter } from '../synth/append-writer.js';
import { DEMO_PROXY_LOG, DemoTimeline } from '../synth/demo-timeline.js';
import type { FileAppend } from '../synth/session-script.js';

const WRITE_EVERY_MS = 100;

export class DemoWriter {
  readonly root: string;
  readonly configDir: string;
  readonly proxyLog: string;
  private readonly transcripts: AppendWriter;
  private readonly proxy: AppendWriter;
  private readonly timeline: DemoTimeline;
  private timer: NodeJS.Timeout | undefined;

  /** @param skipMs how far into the script to start: the timeline began that long ago. */
  constructor(
    seed: number,
    private readonly now: () => number,
    skipMs = 0,
  ) {
    this.root = mkdtempSync(join(tmpdir(), 'tokentop-demo-'));
    this.configDir = join(this.root, 'config');
    this.proxyLog = join(this.root, DEMO_PROXY_LOG);
    this.transcripts = new AppendWriter(this.configDir);
    // The proxy log lives beside the config dir, as a proxy's log would.
    this.proxy = new AppendWriter(this.root);
    this.timeline = new DemoTimeline(seed, now() - skipMs);
    // The proxy log exists from the start, as a running proxy's would; its first line comes 5 s in.
    mkdirSync(dirname(this.proxyLog), { recursive: true });
    writeFileSync(this.proxyLog, '');
  }

  /** Everything up to `until` at once. */
  writeUntil(until: number): void {
    const appends = this.timeline.next(until);
    this.write(appends.filter((a) => !a.path.startsWith('proxy/')), appends.filter((a) => a.path.startsWith('proxy/')));
  }

  /** What is due now, then every 100 ms until stop(). */
  startRealTime(): void {
    this.writeUntil(this.now());
    this.timer = setInterval(() => this.writeUntil(this.now()), WRITE_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  remove(): void {
    this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }

  private write(transcripts: readonly FileAppend[], proxy: readonly FileAppend[]): void {
    this.transcripts.write(transcripts);
    this.proxy.write(proxy);
  }
}
