/**
 * The monitor's `e` (in an anomaly's detail): the evidence bundle of that anomaly, from what the
 * store holds, into tokentop's own state dir (`$XDG_STATE_HOME/tokentop/evidence/`), never a
 * watched one. The same writer as `tokentop evidence`.
 */
import { dirname, join } from 'node:path';
import { evidencePeriod, writeBundle } from '../evidence/write-bundle.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import type { MonitorStore } from '../store/monitor-store.js';


export function evidenceDir(env: NodeJS.ProcessEnv): string {
  return join(dirname(statuslineStateFile(env)), 'evidence');
}

/** Writes the bundle of anomaly `id` into a new folder under `root`; returns the folder. */
export async function writeStoreEvidence(store: MonitorStore, id: string, root: string, meta: { readonly version: string; readonly prices: { readonly date: string; readonly source: string }; readonly now: number }): Promise<string> {
  const anomaly = store.getSnapshot().anomalies.find((a) => a.id === id);
  if (anomaly === undefined) throw new Error(`${id} is no longer listed`);
  const stamp = new Date(meta.now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const out = join(root, `${anomaly.kind}-${stamp}`);
  await writeBundle({
    anomalies: [anomaly],
    readings: store.quotaReadings(),
    period: evidencePeriod([anomaly]),
    localTokens: (end, windowMs) => store.localTokensIn(end - windowMs, end),
    selection: { anomaly: id },
    out,
    includeContent: false,
    redactPaths: false,
    version: meta.version,
    prices: meta.prices,
    now: meta.now,
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  return out;
}
