/**
 * Runs: the trainer loop and its listeners, run directories, configs, metrics, checkpoints,
 * evaluation, and the algorithm registry ({@link org.gorlj.train.Algorithms}, open to a user's
 * {@link org.gorlj.train.AlgorithmProvider}s).
 */
package org.gorlj.train;
