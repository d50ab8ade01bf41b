/** Pure-Java tasks: Gymnasium's classic control problems and two toy bandits (multimodal, cliff edge). */
package org.gorlj.env.classic;
