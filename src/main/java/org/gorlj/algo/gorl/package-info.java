/**
 * GoRL: a Gaussian latent policy (encoder) trained by an RL algorithm whose samples are decoded into
 * actions by a flow-matching or diffusion decoder, refined in stages on a slower timescale
 * (docs/method.md §2 to §4). One {@link org.gorlj.algo.gorl.StageScheduler} runs the stages for
 * any {@link org.gorlj.algo.gorl.LatentLearner}: {@link org.gorlj.algo.gorl.PpoLatentLearner}
 * (GoRL-PPO, {@link org.gorlj.algo.gorl.GorlAlgorithm}) and {@link org.gorlj.algo.gorl.SacLatentLearner}
 * (GoRL-SAC).
 */
package org.gorlj.algo.gorl;
