/**
 * The last `summary` report, kept beside the index (`$XDG_CACHE_HOME/tokentop/report.json`) with a
 * key of everything it was built from: every transcript's identity (dev, inode, size, mtime,
 * ctime), the quota sources' readings and requests, the options (range, periods, prices,
 * thresholds) and the build. A run whose key is the same takes the report instead of reading the
 * history again; only what depends on the clock is worked out anew (when it was made, which
 * anomalies still light the lamp: detectors read no clock). Any change, a grown file or a new
 * reading, reads as before: this is the first part of a checkpoint applied to what changed, not all
 * of it. Written like the index: to a temp name, then renamed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_FOR_MS, type LampState } from '../detect/lamp.js';
import type { Summary } from '../report/summary.js';

const FILE = 'report.json';

/** The key of a report over `files` with `material` (options, sources, build); undefined when a file cannot be stat'ed. */
export function reportKey(files: readonly string[], material: unknown): string | undefined {
  const hash = createHash('sha1').update(JSON.stringify(material));
  for (const file of files) {
    try {
      const s = statSync(file);
      hash.update(`${file}\u0000${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}\n`);
    } catch {
      return undefined;
    }
  }
  return hash.digest('hex');
}

/** The report kept under `key`, its clock brought to `now`; undefined when there is none or another key. */
export function loadReport(dir: string, key: string, now: number): Summary | undefined {
  try {
    const kept = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { key?: unknown; summary?: Summary };
    return kept.key === key && kept.summary !== undefined ? atClock(kept.summary, now) : undefined;
  } catch {
    return undefined;
  }
}

/** Keep `summary` under `key` (a cache: a write that fails costs only the next run's time). */
export function saveReport(dir: string, key: string, summary: Summary): void {
  const temp = join(dir, `${FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, JSON.stringify({ key, summary: { ...summary, index: undefined } }));
    renameSync(temp, join(dir, FILE));
  } catch {
    // The cache dir is the index's: when it cannot be written, the index has said so.
  }
}

/** The report as of `now`: made now, each anomaly lit or history by its age (as detect/lamp.ts has it), the lamp counted again. */
function atClock(summary: Summary, now: number): Summary {
  let state: LampState = 'OK';
  let lit = 0;
  let history = 0;
  const anomalies = summary.anomalies.map((a) => {
    const end = Date.parse(a.end ?? a.start ?? '');
    const standing = Number.isFinite(end) && end < now - CURRENT_FOR_MS ? 'history' : 'lit';
    if (a.severity !== 'info') {
      if (standing === 'history') history += 1;
      else {
        lit += 1;
        if (a.severity === 'critical') state = 'ANOMALY';
        else if (state === 'OK') state = 'WATCH';
      }
    }
    return { ...a, standing } as const;
  });
  return { ...summary, generatedAt: new Date(now).toISOString(), anomalies, lamp: { state, lit, acknowledged: 0, history } };
}
