/** Pure-Java tasks: Gymnasium's classic control problems and a multimodal toy bandit. */
package org.gorlj.env.classic;
