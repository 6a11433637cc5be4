/**
 * A bound on the distinct values of one label: the first `max` keep their name, later ones are
 * `other`. 100,000 model names pushed over OTLP made 500,001 series, a 141 MB /metrics and +700 MB
 * of memory. First come keep their place, so a value's series never moves between scrapes.
 */
export const OTHER = 'other';

export class LabelBound {
  private readonly kept = new Set<string>();
  /** Values that were put in `other`. */
  overflowed = 0;

  constructor(readonly max: number) {}

  /** `value`, or `other` when `max` other values came first. */
  value(value: string): string {
    if (this.kept.has(value)) return value;
    if (this.kept.size < this.max) {
      this.kept.add(value);
      return value;
    }
    this.overflowed += 1;
    return OTHER;
  }
}
