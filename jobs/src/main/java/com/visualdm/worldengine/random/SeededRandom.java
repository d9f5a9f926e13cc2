package com.visualdm.worldengine.random;

import java.util.SplittableRandom;

/**
 * The only source of randomness in the engine: a generator derived from (world seed, purpose, keys...), for
 * example (seed, "trade", day, market). The same keys give the same numbers whatever thread, chunk or run asks
 * for them; nothing comes from wall-clock time or global state.
 */
public final class SeededRandom {

    private final SplittableRandom random;

    private SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static SeededRandom of(long worldSeed, String purpose, long... keys) {
        return new SeededRandom(state(worldSeed, purpose, keys));
    }

    /** The 64-bit state a (seed, purpose, keys) generator starts from. */
    static long state(long worldSeed, String purpose, long... keys) {
        long state = mix(worldSeed ^ 0x9E3779B97F4A7C15L);
        state = mix(state ^ fnv(purpose));
        for (long key : keys) {
            state = mix(state + 0x9E3779B97F4A7C15L * (key + 1));
        }
        return state;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [from, to], both included. */
    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public long nextLong() {
        return random.nextLong();
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }


    @SafeVarargs
    public final <T> T pickOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** How many times something with the given average happens: the integer part, plus one with the remainder's chance. */
    public int count(double average) {
        int whole = (int) average;
        return whole + (chance(average - whole) ? 1 : 0);
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-16 code units: no allocation on the hot path. */
    static long fnv(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
