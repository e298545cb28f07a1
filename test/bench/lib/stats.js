'use strict';
// Latency samples (milliseconds, sub-millisecond resolution) and their percentiles.

class Samples {
  constructor(capacity = 1 << 16) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  add(value) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  summary() {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (p) =>
      sorted.length
        ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
        : NaN;
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      count: sorted.length,
      mean: sorted.length ? sum / sorted.length : NaN,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
    };
  }
}

const round = (value, digits = 2) =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null;

module.exports = { Samples, round };
