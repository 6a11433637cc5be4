/** The anomaly the lamp names: the newest that lights it, else the newest warning or critical. The short layout's lamp line and the `a` key agree through it. */
import type { Anomaly } from '../detect/anomaly.js';
import type { MonitorSnapshot } from '../store/snapshot.js';

export function lampAnomaly(s: Pick<MonitorSnapshot, 'anomalies' | 'lamp'>): Anomaly | undefined {
  const notable = s.anomalies.filter((a) => a.severity !== 'info');
  return [...notable].reverse().find((a) => s.lamp.standing.get(a.id) === 'lit') ?? notable[notable.length - 1];
}
