/**
 * GoRL: a Gaussian latent policy trained by PPO whose samples are decoded into actions by a
 * flow-matching or diffusion decoder, refined in stages on a slower timescale
 * (spec/gorl.md sections 2 and 3).
 */
package org.gorlj.algo.gorl;
