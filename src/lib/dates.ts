/** Today in UTC, the default of every asOf. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// The day changes rarely; formatting a date on every request shows in profiles of the cached path.
let day = { until: 0, value: '' };
export function currentDay(): string {
  const now = Date.now();
  if (now >= day.until) {
    const value = today();
    const nextMidnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    day = { until: Math.min(nextMidnight, now + 60_000), value };
  }
  return day.value;
}
