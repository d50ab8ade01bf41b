/** The algorithm contract driven by the trainer, and the algorithms (ppo, gorl, fpo, dppo, sac). */
package org.gorlj.algo;
