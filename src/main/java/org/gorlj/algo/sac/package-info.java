/**
 * Soft Actor-Critic for continuous control: a tanh-Gaussian actor over x in [-1, 1]^d, twin Q
 * critics on (s, x) with Polyak-averaged targets, automatic entropy temperature, and a replay
 * buffer of transitions that distinguishes termination from truncation. Actions reach the
 * environment through an {@link org.gorlj.policy.ActionMap}, so GoRL can drive the same learner
 * on a latent x decoded into actions.
 */
package org.gorlj.algo.sac;
