package org.gorlj.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A small, fast, seedable random generator (xoshiro256**) whose whole state is four longs, so it
 * can be written into a checkpoint and restored exactly. Every source of randomness in GoRL-J
 * (environment resets, exploration noise, minibatch shuffles, weight initialisation) draws from
 * one of these, which is what makes runs reproducible and resumable.
 */
public final class Rng {
    private long s0, s1, s2, s3;

    /** Creates a generator from a seed, expanded with SplitMix64 as the xoshiro authors advise. */
    public Rng(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** Standard normal sample (Box-Muller; one of the pair is discarded so the state stays four longs). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Fills the array with standard normal samples. */
    public void fillGaussian(float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) nextGaussian();
        }
    }

    /** A new independent generator derived from this one (advances this one). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** In-place Fisher-Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Writes the full state. */
    public void write(DataOutput out) throws IOException {
        out.writeLong(s0);
        out.writeLong(s1);
        out.writeLong(s2);
        out.writeLong(s3);
    }

    /** Restores a state written by {@link #write}. */
    public void read(DataInput in) throws IOException {
        s0 = in.readLong();
        s1 = in.readLong();
        s2 = in.readLong();
        s3 = in.readLong();
    }
}
