/**
 * Neural-network building blocks over DJL's PyTorch engine: parameter stores, MLPs (with a
 * plain-Java inference path), initialisers, Adam with gradient clipping, running normalisers.
 */
package org.gorlj.nn;
