/**
 * What the person chose to look at: the chart window, the focused session, the sessions table's
 * order and scroll, the quota and models views. A pure reducer: a command and the sessions as
 * listed in, the next state out.
 */
import { QUOTA_RANGES, type QuotaRangeName } from '../metrics/quota-series.js';
import { SESSION_SORTS, WINDOWS, type SessionSort, type ViewCommand, type WindowName } from './snapshot.js';

export interface ViewState {
  readonly windowIndex: number;
  /** The session the charts show alone, or undefined for all. */
  readonly focusId: string | undefined;
  readonly sessionSort: SessionSort;
  readonly sessionOffset: number;
  /** The quota view's range while it is open. */
  readonly quotaRange: QuotaRangeName | undefined;
  readonly modelsOpen: boolean;
}

export function initialView(window: WindowName = '5m'): ViewState {
  return { windowIndex: Math.max(0, WINDOWS.findIndex((w) => w.name === window)), focusId: undefined, sessionSort: 'activity', sessionOffset: 0, quotaRange: undefined, modelsOpen: false };
}

/** The next view after `command`; `sessionIds` are the sessions in the table's order now. */
export function reduceView(state: ViewState, command: ViewCommand, sessionIds: readonly string[]): ViewState {
  if (typeof command === 'object') {
    const last = Math.max(0, sessionIds.length - 1);
    const offset = 'scroll' in command ? state.sessionOffset + command.scroll : command.scrollTo === 'top' ? 0 : last;
    return { ...state, sessionOffset: Math.max(0, Math.min(last, offset)) };
  }
  switch (command) {
    // The chart window, or in the quota view its range (5h, 24h, 7d).
    case 'window':
      if (state.quotaRange !== undefined) {
        const i = QUOTA_RANGES.findIndex((r) => r.name === state.quotaRange);
        return { ...state, quotaRange: (QUOTA_RANGES[(i + 1) % QUOTA_RANGES.length] ?? QUOTA_RANGES[0]).name };
      }
      return { ...state, windowIndex: (state.windowIndex + 1) % WINDOWS.length };
    // All sessions, then each session seen in the window, most recent first, then all again.
    case 'focus': {
      const next = state.focusId === undefined ? 0 : sessionIds.indexOf(state.focusId) + 1;
      return { ...state, focusId: next >= sessionIds.length ? undefined : sessionIds[next] };
    }
    // Last activity, tokens, cost: the order starts again at the top.
    case 'sort':
      return { ...state, sessionSort: SESSION_SORTS[(SESSION_SORTS.indexOf(state.sessionSort) + 1) % SESSION_SORTS.length] ?? 'activity', sessionOffset: 0 };
    case 'quota':
      return { ...state, quotaRange: state.quotaRange === undefined ? '5h' : undefined };
    case 'models':
      return { ...state, modelsOpen: !state.modelsOpen };
  }
}
