/**
 * The dataset's change dates cut time into intervals. Every dated answer compares asOf with stored dates
 * only as `stored <= asOf` (or its negation `stored > asOf`), so two days with the same number of change
 * dates on or before them get the same answer: that number names the interval a day falls in.
 */
export class TimeEpochs {
  private readonly dates: readonly string[];

  /** `dates`: ISO days (YYYY-MM-DD), in any order, repeats allowed. */
  constructor(
    readonly version: string | null,
    dates: readonly string[],
  ) {
    this.dates = [...new Set(dates)].sort();
  }

  get count(): number {
    return this.dates.length + 1;
  }

  /** The interval `day` (YYYY-MM-DD) falls in: how many change dates are on or before it. */
  intervalOf(day: string): number {
    let low = 0;
    let high = this.dates.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.dates[mid]! <= day) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** One day inside every interval, newest first: the first day of each, and the day before the first change. */
  representativeDays(): string[] {
    const first = this.dates[0];
    if (first === undefined) return [];
    const before = new Date(`${first}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    return [...this.dates].reverse().concat(before.toISOString().slice(0, 10));
  }
}
