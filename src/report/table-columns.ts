/**
 * Table columns that fit a panel's width: when the panel is too narrow for all of them, whole
 * columns are dropped (least useful first) rather than every column cut to a few letters; what
 * width is left over goes to the flexible columns. Pure: rows and width in, text out.
 */
import { cell, displayWidth, pathCell } from './text-width.js';

export interface Column<Row> {
  readonly header: string;
  /** The least width the column takes. */
  readonly width: number;
  /** Share of the spare width (0: fixed at `width`). */
  readonly flex?: number;
  /** The most width a flexible column grows to. */
  readonly max?: number;
  readonly align?: 'left' | 'right';
  /** Columns with a drop order give way when the width is short, the highest first; others never. */
  readonly drop?: number;
  /** A path: cut in its middle, so that both its tree and its last dir show. */
  readonly path?: boolean;
  readonly value: (row: Row) => string;
}

export interface FittedColumn<Row> {
  readonly column: Column<Row>;
  readonly width: number;
}

/**
 * The columns that fit in `width` characters (one space between columns), with their widths. With
 * the rows to be shown, the spare width goes first to the flexible columns whose text is cut, up to
 * their longest value (a title is not cut to four letters while a model name has blank room), and
 * only then by flex share.
 */
export function fitColumns<Row>(columns: readonly Column<Row>[], width: number, rows: readonly Row[] = []): FittedColumn<Row>[] {
  const kept = [...columns];
  const need = (cs: readonly Column<Row>[]): number => cs.reduce((sum, c) => sum + c.width, 0) + Math.max(0, cs.length - 1);
  while (need(kept) > width) {
    const droppable = kept.filter((c) => c.drop !== undefined);
    if (droppable.length === 0) break;
    const next = droppable.reduce((a, b) => ((b.drop ?? 0) > (a.drop ?? 0) ? b : a));
    kept.splice(kept.indexOf(next), 1);
  }
  const widths = kept.map((c) => c.width);
  let spare = width - need(kept);
  if (rows.length > 0) {
    const natural = kept.map((c) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(c.value(r)))));
    spare = share(kept, widths, spare, (c, i) => Math.min(c.max ?? Infinity, natural[i] ?? 0));
  }
  share(kept, widths, spare, (c) => c.max ?? Infinity);
  return kept.map((column, i) => ({ column, width: widths[i] ?? column.width }));
}

/** Hand out `spare` by flex share, each column up to its cap (one at its cap passes its share on); returns what is left. */
function share<Row>(kept: readonly Column<Row>[], widths: number[], spare: number, cap: (c: Column<Row>, i: number) => number): number {
  const capOf = (c: Column<Row>): number => cap(c, kept.indexOf(c));
  for (let open = kept.filter((c) => (c.flex ?? 0) > 0 && (widths[kept.indexOf(c)] ?? 0) < capOf(c)); spare > 0 && open.length > 0; ) {
    const shares = open.reduce((sum, c) => sum + (c.flex ?? 0), 0);
    let given = 0;
    for (const c of open) {
      const i = kept.indexOf(c);
      const add = Math.max(0, Math.min(capOf(c) - (widths[i] ?? 0), Math.floor((spare * (c.flex ?? 0)) / shares)));
      widths[i] = (widths[i] ?? 0) + add;
      given += add;
    }
    open = open.filter((c) => (widths[kept.indexOf(c)] ?? 0) < capOf(c));
    spare -= given;
    if (given === 0) {
      // Less spare than shares: the open columns take what they can of the rest, in order.
      for (const c of open) {
        const i = kept.indexOf(c);
        const add = Math.min(spare, capOf(c) - (widths[i] ?? 0));
        widths[i] = (widths[i] ?? 0) + add;
        spare -= add;
      }
      break;
    }
  }
  return spare;
}
/** The header line of fitted columns. */
export function headerLine<Row>(fitted: readonly FittedColumn<Row>[]): string {
  return fitted.map((f) => cell(f.column.header, f.width, f.column.align)).join(' ');
}

/** One row's line of fitted columns. */
export function rowLine<Row>(fitted: readonly FittedColumn<Row>[], row: Row): string {
  return fitted.map((f) => (f.column.path === true ? pathCell(f.column.value(row), f.width) : cell(f.column.value(row), f.width, f.column.align))).join(' ');
}

/**
 * The rows a table of `room` data rows shows from `offset`, and what its last line says when some
 * are left out: `+N more` (below, and above when scrolled). The marker takes a row of its own.
 */
export function visibleRows<Row>(rows: readonly Row[], room: number, offset = 0): { shown: readonly Row[]; more: string | undefined } {
  const start = Math.max(0, Math.min(offset, rows.length - 1));
  if (rows.length - start <= room && start === 0) return { shown: rows.slice(0, room), more: undefined };
  const fit = Math.max(0, room - 1);
  const shown = rows.slice(start, start + fit);
  const below = rows.length - start - shown.length;
  const parts = [below > 0 ? `+${below} more` : '', start > 0 ? `${start} above` : ''].filter((p) => p !== '');
  return { shown, more: parts.join(' · ') };
}
