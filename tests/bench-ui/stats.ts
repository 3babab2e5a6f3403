/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface StepFigures {
  /** the first time the step ran in this browser (code still loading, caches cold) */
  firstMs: number | null;
  medianMs: number;
  p95Ms: number;
  n: number;
  /** median time from the click to the first API request leaving the page */
  beforeRequestMedianMs: number | null;
  /** median time the API requests of the step were in flight (first start to last end) */
  apiMedianMs: number | null;
  samplesMs: number[];
  /**
   * median main-thread CPU time of the step (Chromium's ThreadTime, from before the click to the drawn
   * frame) and the medians of its script, style recalculation and layout parts; null without counters
   */
  cpuMedianMs: number | null;
  scriptMedianMs: number | null;
  styleMedianMs: number | null;
  layoutMedianMs: number | null;
}

export interface Sample {
  totalMs: number;
  beforeRequestMs: number | null;
  apiMs: number | null;
  cpuMs?: number;
  scriptMs?: number;
  styleMs?: number;
  layoutMs?: number;
}

function medianOf(samples: readonly Sample[], key: 'cpuMs' | 'scriptMs' | 'styleMs' | 'layoutMs'): number | null {
  const values = samples.map((s) => s[key]).filter((v): v is number => typeof v === 'number');
  return values.length ? round1(percentile(values, 50)) : null;
}

export function figures(first: Sample | null, samples: readonly Sample[]): StepFigures {
  const totals = samples.map((s) => s.totalMs);
  const before = samples.map((s) => s.beforeRequestMs).filter((v): v is number => v !== null);
  const api = samples.map((s) => s.apiMs).filter((v): v is number => v !== null);
  return {
    firstMs: first ? round1(first.totalMs) : null,
    medianMs: round1(percentile(totals, 50)),
    p95Ms: round1(percentile(totals, 95)),
    n: totals.length,
    beforeRequestMedianMs: before.length ? round1(percentile(before, 50)) : null,
    apiMedianMs: api.length ? round1(percentile(api, 50)) : null,
    samplesMs: totals.map(round1),
    cpuMedianMs: medianOf(samples, 'cpuMs'),
    scriptMedianMs: medianOf(samples, 'scriptMs'),
    styleMedianMs: medianOf(samples, 'styleMs'),
    layoutMedianMs: medianOf(samples, 'layoutMs'),
  };
}
