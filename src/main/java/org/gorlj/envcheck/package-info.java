/**
 * The environment checker: {@link org.gorlj.envcheck.EnvChecker#check(org.gorlj.env.Task)} runs a
 * task's environment through the contract the trainers rely on (spaces, finite values, seeded
 * determinism, exact save and restore, termination vs truncation, autoreset, action bounds, step
 * time) and says, for each check that fails, what to fix. {@code gorl check-env TASK} prints it.
 */
package org.gorlj.envcheck;
