/**
 * The environment contract (Gymnasium semantics, allocation-free stepping), box spaces, the
 * time-limit wrapper, vectorised environments with autoreset, and the task registry.
 */
package org.gorlj.env;
