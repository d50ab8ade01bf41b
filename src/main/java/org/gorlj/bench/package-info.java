/**
 * Experiments as a product: benchmark specs ({@link org.gorlj.bench.BenchSpec}) expanded into
 * resumable runs trained in child JVMs ({@link org.gorlj.bench.Bench}, {@link org.gorlj.bench.RunWorker}),
 * per-run summaries and results tables and plots ({@link org.gorlj.bench.Results}), and
 * throughput measurement ({@link org.gorlj.bench.Perf}).
 */
package org.gorlj.bench;
