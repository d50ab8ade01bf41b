/** Policies and critics: the Gaussian (latent) policy, the value function, Gaussian densities. */
package org.gorlj.policy;
