/** Runs: the trainer loop, run directories, configs, metrics, checkpoints, evaluation. */
package org.gorlj.train;
