/**
 * The lamp shows now. An anomaly is current while it lasts or for a week after (by its end, else
 * its start): older ones are history, listed dimmed, and never light the lamp. A person who has
 * seen the current ones can acknowledge them: they are listed dimmed too, until a new one comes.
 * The screen and the exit summary both ask this module, so they cannot disagree.
 */
import type { Anomaly } from './anomaly.js';

export type LampState = 'OK' | 'WATCH' | 'ANOMALY';
export type AnomalyStanding = 'lit' | 'acknowledged' | 'history';

/** A week: the longest quota window. An anomaly older than that says nothing of the plan now. */
export const CURRENT_FOR_MS = 7 * 24 * 3_600_000;

export interface Lamp {
  readonly state: LampState;
  /** Warn and critical anomalies that light it. */
  readonly lit: number;
  readonly acknowledged: number;
  readonly history: number;
  /** Every anomaly's standing, by id. */
  readonly standing: ReadonlyMap<string, AnomalyStanding>;
}

function standingOf(a: Anomaly, now: number, acknowledged: ReadonlySet<string>): AnomalyStanding {
  if ((a.end ?? a.start) < now - CURRENT_FOR_MS) return 'history';
  return acknowledged.has(a.id) ? 'acknowledged' : 'lit';
}

/** ANOMALY for a lit critical, WATCH for a lit warning, OK otherwise (information never lights it). */
export function lampOf(anomalies: readonly Anomaly[], now: number, acknowledged: ReadonlySet<string> = new Set()): Lamp {
  const standing = new Map<string, AnomalyStanding>();
  let lit = 0;
  let ack = 0;
  let history = 0;
  let state: LampState = 'OK';
  for (const a of anomalies) {
    const s = standingOf(a, now, acknowledged);
    standing.set(a.id, s);
    if (a.severity === 'info') continue;
    if (s === 'history') history += 1;
    else if (s === 'acknowledged') ack += 1;
    else {
      lit += 1;
      if (a.severity === 'critical') state = 'ANOMALY';
      else if (state === 'OK') state = 'WATCH';
    }
  }
  return { state, lit, acknowledged: ack, history, standing };
}
