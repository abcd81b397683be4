// Statistics shared by the benchmark suites and their report code. CommonJS without process
// access, so that the unit tests can load it (see test/bench).

/** Median, min and max of a list of numbers. */
function stats(samples) {
  if (samples.length === 0) throw new Error('stats: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
}

const fmt = (s, unit = 's', digits = 2) => `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

const median = (samples) => stats(samples).median;

module.exports = { stats, fmt, median };
