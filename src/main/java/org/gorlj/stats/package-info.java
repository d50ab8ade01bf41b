/**
 * Statistics over seeds for benchmark results (bottom layer: no project imports): mean, sample
 * standard deviation, interquartile mean, success rate ({@link org.gorlj.stats.Descriptive}), the
 * percentile bootstrap confidence interval of the mean ({@link org.gorlj.stats.Bootstrap}) and
 * their summary of one sample or of per-seed paired differences ({@link org.gorlj.stats.SeedSummary}).
 * Definitions, resample count and resampler seed: {@code docs/bench.md}, "Statistics".
 */
package org.gorlj.stats;
