/** Today's date in China (UTC+8), 'YYYY-MM-DD': the module's one clock read; services take "today" as an argument. */
export function todayCn(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
