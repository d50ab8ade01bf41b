/** On-policy experience: rollout storage, GAE, observation and reward transforms. */
package org.gorlj.onpolicy;
