/**
 * What local transcripts can say of plan usage: a lower bound, from this config dir only. claude.ai,
 * the desktop app, other machines and other accounts spend the same plan and leave nothing here;
 * third-party backends (Vertex, Bedrock, GLM, a local model) behind Claude Code spend none of it.
 * A history can hold several config dirs (backups, synced machines, other people's): never pooled.
 */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import { inputEquivalentTokens } from '../metrics/token-math.js';

/** The config dir a transcript belongs to: its path up to `/projects/`, else its dir's parent. */
export function configRootOf(file: string): string {
  const normal = file.replaceAll('\\', '/');
  const at = normal.lastIndexOf('/projects/');
  if (at >= 0) return normal.slice(0, at);
  const parts = normal.split('/');
  return parts.slice(0, Math.max(1, parts.length - 2)).join('/');
}

/** Ids of responses served by Google's or Amazon's Claude: billed there, not on the plan. */
const CLOUD_KEY = /^msg_(vrtx|bdrk)_/;

/** A response Anthropic served on the plan: a Claude model, not through Vertex or Bedrock. */
export function isPlanServed(r: Pick<ResponseRecord, 'model' | 'key'>): boolean {
  return /^claude/i.test(r.model) && !CLOUD_KEY.test(r.key);
}

export interface LocalWindowUsage {
  /** Input-equivalent tokens of plan-served responses in (from, to], this config dir. */
  readonly tokens: number;
  /** The first of them, if any. */
  readonly firstTime: number | undefined;
}

export interface LocalUsage {
  /** Plan-served local usage of one config dir in (from, to]. */
  window(root: string, from: number, to: number): LocalWindowUsage;
}

/** Local usage by config dir, of the responses with a usable time (`usable`), sorted once. */
export function localUsage(responses: readonly ResponseRecord[], usable: (r: ResponseRecord) => boolean): LocalUsage {
  const byRoot = new Map<string, Array<{ time: number; tokens: number }>>();
  const roots = new Map<string, string>();
  for (const r of responses) {
    if (!isPlanServed(r) || !usable(r)) continue;
    let root = roots.get(r.origin.file);
    if (root === undefined) roots.set(r.origin.file, (root = configRootOf(r.origin.file)));
    let list = byRoot.get(root);
    if (list === undefined) byRoot.set(root, (list = []));
    list.push({ time: r.time, tokens: inputEquivalentTokens(r) });
  }
  for (const list of byRoot.values()) list.sort((a, b) => a.time - b.time);
  return {
    window(root, from, to) {
      let tokens = 0;
      let firstTime: number | undefined;
      for (const r of byRoot.get(root) ?? []) {
        if (r.time <= from) continue;
        if (r.time > to) break;
        tokens += r.tokens;
        firstTime ??= r.time;
      }
      return { tokens, firstTime };
    },
  };
}
