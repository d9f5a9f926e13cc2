package com.visualdm.worldengine.faction;

import com.visualdm.worldengine.random.SeededRandom;

/**
 * A war between factions a and b (docs/rules.md): each day a battle with {@code battleChance}, won with probability
 * strength / (sum of strengths), the side fighting at home counting {@code homeAdvantage} times; it ends when one
 * side leads by {@code decisiveLead} battles or on its last day, the leader winning (a tie ends it without winner).
 */
record War(String a, String b, int startedDay, int endsByDay, int winsA, int winsB) {

    /** How a war's day went: the war after it, and whether it ended. */
    record Day(War war, boolean battle, boolean ended) {
    }

    /** One day of the war; a battle is fought in a region of either side with equal chance. */
    Day fight(SeededRandom random, int day, double strengthA, double strengthB, FactionProperties properties) {
        War after = this;
        boolean battle = random.chance(properties.battleChance());
        if (battle) {
            boolean aAtHome = random.chance(0.5);
            double a = Math.max(1, strengthA) * (aAtHome ? properties.homeAdvantage() : 1);
            double b = Math.max(1, strengthB) * (aAtHome ? 1 : properties.homeAdvantage());
            after = random.nextDouble() < a / (a + b) ? new War(a(), b(), startedDay, endsByDay, winsA + 1, winsB)
                    : new War(a(), b(), startedDay, endsByDay, winsA, winsB + 1);
        }
        boolean ended = Math.abs(after.winsA - after.winsB) >= properties.decisiveLead() || day >= endsByDay;
        return new Day(after, battle, ended);
    }

    /** The winner of an ended war, or null for a tie. */
    String winner() {
        return winsA == winsB ? null : winsA > winsB ? a : b;
    }

    String loser() {
        return winsA == winsB ? null : winsA > winsB ? b : a;
    }

    /** Share of the loser's resources the winner takes: more when the loser won no battle at all. */
    double transferShare(FactionProperties properties) {
        return Math.min(winsA, winsB) == 0 ? properties.decisiveTransferShare() : properties.transferShare();
    }
}
