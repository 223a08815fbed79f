/**
 * Runs `work` while sampling the process's RSS every `intervalMs`, and returns its result with
 * how far RSS grew above where it started, at the peak. A garbage collection first (when
 * `--expose-gc` is on) keeps earlier tests' garbage out of the baseline.
 */
export async function withPeakRssGrowth<T>(
  work: () => Promise<T>,
  intervalMs = 10,
): Promise<{ result: T; growth: number }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  try {
    const result = await work();
    return { result, growth: Math.max(peak, process.memoryUsage().rss) - baseline };
  } finally {
    clearInterval(sampler);
  }
}
