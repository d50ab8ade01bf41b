/**
 * Benchmarks across machines: {@code gorl bench SPEC --cluster MEMBERS} and {@code gorl worker}
 * run the runs of a bench spec on embedded Hazelcast members that find each other by a TCP member
 * list and join only with a shared secret. Runs are claimed from a cluster map, trained in child
 * JVMs as the single-machine bench trains them, and their checkpoints (with the metrics rows they
 * cover) are kept in the cluster, so a run whose member dies resumes elsewhere exactly. See
 * docs/cluster.md.
 */
package org.gorlj.cluster;
