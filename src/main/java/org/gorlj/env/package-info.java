/**
 * The environment contract (Gymnasium semantics, allocation-free stepping), box spaces, the
 * time-limit wrapper, vectorised environments with autoreset, and the task registry (open to a
 * user's {@link org.gorlj.env.TaskProvider}s).
 */
package org.gorlj.env;
