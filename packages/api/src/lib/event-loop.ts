import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

let h: IntervalHistogram | undefined;

/** Start measuring the event-loop delay of this process (idempotent). */
export function startEventLoopMonitor(): IntervalHistogram {
  if (!h) { h = monitorEventLoopDelay({ resolution: 10 }); h.enable(); }
  return h;
}

/** Delay figures in ms since the last reset (p50, p99, max), or null when not measuring. */
export function eventLoopDelay(reset = false): { p50: number; p99: number; max: number } | null {
  if (!h) return null;
  const out = { p50: +(h.percentile(50) / 1e6).toFixed(1), p99: +(h.percentile(99) / 1e6).toFixed(1), max: +(h.max / 1e6).toFixed(1) };
  if (reset) h.reset();
  return out;
}
