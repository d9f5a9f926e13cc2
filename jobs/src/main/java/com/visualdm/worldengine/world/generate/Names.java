package com.visualdm.worldengine.world.generate;

import com.visualdm.worldengine.random.SeededRandom;

/** Pronounceable names from syllables; deterministic for a given generator. */
final class Names {

    private static final String[] ONSETS = {"b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n",
            "p", "r", "s", "st", "t", "th", "v", "w", "z"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ae", "ia", "ou"};
    private static final String[] CODAS = {"", "", "n", "r", "l", "th", "s", "m", "nd", "rk"};
    private static final String[] PLACE_SUFFIXES = {"ford", "holm", "wick", "mere", "dale", "gard", "moor", "reach",
            "vale", "crest"};

    private Names() {
    }

    static String word(SeededRandom random, int syllables) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(random.pickOf(ONSETS)).append(random.pickOf(VOWELS));
        }
        word.append(random.pickOf(CODAS));
        word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
        return word.toString();
    }

    static String place(SeededRandom random) {
        return word(random, random.between(1, 2)) + random.pickOf(PLACE_SUFFIXES);
    }

    static String person(SeededRandom random) {
        return word(random, random.between(1, 2)) + " " + word(random, random.between(1, 3));
    }
}
