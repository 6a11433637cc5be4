/**
 * The store's book of anomalies: when the detectors are due, what they found, which a person
 * acknowledged, which critical ones are new (the monitor snapshots their evidence), and what was
 * settled before a fold (those can no longer be found from the ledger). Pure: time is handed in.
 */
import type { Anomaly } from '../detect/anomaly.js';
import { lampOf, type Lamp } from '../detect/lamp.js';

/** The detectors run at most this often: they read the whole ledger. */
export const DETECT_EVERY_MS = 2_000;

export class AnomalyBook {
  private found: readonly Anomaly[] = [];
  private lastRun = -Infinity;
  /** Data arrived since the detectors last ran. */
  private unseen = false;
  private readonly seenCritical = new Set<string>();
  private newCritical: Anomaly[] = [];
  /** Anomalies found before their responses were folded: the detectors can no longer find them. */
  private settledList: readonly Anomaly[] = [];
  /** Anomalies a person acknowledged: listed dimmed, they no longer light the lamp. */
  private readonly acknowledged = new Set<string>();

  /**
   * @param watchFrom the watch's start: a critical anomaly from before it was read behind the first
   *   frame and is shown, never snapshotted as new.
   */
  constructor(private readonly watchFrom: number) {}

  get list(): readonly Anomaly[] {
    return this.found;
  }

  get settled(): readonly Anomaly[] {
    return this.settledList;
  }

  get acknowledgedIds(): ReadonlySet<string> {
    return this.acknowledged;
  }

  /** Data arrived: the detectors have something new to see. */
  noteData(): void {
    this.unseen = true;
  }

  /** Data came after the detectors' last run and they have not seen it. */
  get needsRun(): boolean {
    return this.unseen;
  }

  /** Whether the detectors may run now (a clock that went back, a replay restarted, runs them at once). */
  due(now: number): boolean {
    return now - this.lastRun >= DETECT_EVERY_MS || now < this.lastRun;
  }

  /** What the detectors found at `now`; true when the list changed. */
  record(found: readonly Anomaly[], now: number): boolean {
    this.lastRun = now;
    this.unseen = false;
    const changed = found.length !== this.found.length || found.some((a, i) => a !== this.found[i]);
    this.found = found;
    // Forget acknowledgements of anomalies no longer found (pruned history): the set stays bounded.
    const ids = new Set(found.map((a) => a.id));
    for (const id of this.acknowledged) if (!ids.has(id)) this.acknowledged.delete(id);
    for (const a of found) {
      if (a.severity !== 'critical' || this.seenCritical.has(a.id)) continue;
      this.seenCritical.add(a.id);
      if (a.start >= this.watchFrom) this.newCritical.push(a);
    }
    return changed;
  }

  /** The responses up to `upTo` were folded: what was found there is kept as it is. */
  settle(upTo: number): void {
    this.settledList = this.found.filter((a) => a.start <= upTo);
  }

  /** The anomalies that light the lamp now are seen: dim them until a new one comes. */
  acknowledge(now: number): void {
    for (const [id, standing] of this.lamp(now).standing) if (standing === 'lit') this.acknowledged.add(id);
  }

  lamp(now: number): Lamp {
    return lampOf(this.found, now, this.acknowledged);
  }

  /** The critical anomalies not told of yet; each is told once. */
  takeNewCritical(): Anomaly[] {
    return this.newCritical.splice(0);
  }
}
