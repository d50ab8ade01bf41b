/**
 * Conditional generative action models shared by GoRL (and later FPO and DPPO): the flow network
 * v(s, x, t) over [normalised observation, sample, sinusoidal time embedding], the flow-matching
 * and diffusion decoders a = g(s, eps) built on it, their plain-Java samplers for rollouts, and the
 * supervised decoder trainer (validation split, best weights, early stopping).
 */
package org.gorlj.generative;
