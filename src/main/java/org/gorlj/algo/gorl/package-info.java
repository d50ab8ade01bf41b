/**
 * GoRL: a Gaussian latent policy (encoder) trained by an RL algorithm whose samples are decoded into
 * actions by a flow-matching or diffusion decoder, refined in stages on a slower timescale
 * (docs/method.md §2 to §4). One {@link org.gorlj.algo.gorl.GorlAlgorithm} runs the stages for
 * any {@link org.gorlj.algo.gorl.LatentLearner}: {@link org.gorlj.algo.gorl.PpoLatentLearner}
 * (GoRL-PPO) and {@link org.gorlj.algo.gorl.SacLatentLearner} (GoRL-SAC), each wrapping its RL
 * algorithm; {@link org.gorlj.algo.gorl.GorlAlgorithm#create} builds either.
 */
package org.gorlj.algo.gorl;
