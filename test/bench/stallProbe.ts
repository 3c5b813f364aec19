// The longest event-loop stall while some work runs: perf_hooks' monitorEventLoopDelay and a 1 ms
// timer probe, the larger of the two. Shared by the plain-Node search bench and the host benches.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Runs `work` with both stall probes on; returns its result and the longest stall seen. */
export async function withStallProbe<T>(work: () => Promise<T>): Promise<{ result: T; longestStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last - 1);
    last = now;
  }, 1);
  histogram.enable();
  try {
    const result = await work();
    return { result, longestStallMs: Math.max(longestGap, histogram.max / 1e6) };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }
}

