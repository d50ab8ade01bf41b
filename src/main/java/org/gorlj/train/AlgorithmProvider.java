package org.gorlj.train;

import java.util.List;

/**
 * A family of algorithms contributed to {@link Algorithms}: the project's own and a user's. A
 * provider is found on the class path through {@link java.util.ServiceLoader} when its jar (or class
 * directory) lists it in {@code META-INF/services/org.gorlj.train.AlgorithmProvider} (the class needs
 * a public no-argument constructor), or is added from code with {@link Algorithms#register(AlgorithmProvider)}.
 */
public interface AlgorithmProvider {
    /** The algorithms of this family. */
    List<AlgorithmType> algorithms();
}
