/**
 * Run-level primitives at the bottom of the dependency graph: the checkpoint container, the knobs
 * every run shares, the metrics-log reader and the divergence exception. Algorithms, the trainer and
 * the reports all use them; they import nothing of the project but {@code config} and {@code util}.
 */
package org.gorlj.run;
