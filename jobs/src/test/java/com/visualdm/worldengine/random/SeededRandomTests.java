package com.visualdm.worldengine.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The engine's only randomness: numbers and ids that depend on (seed, purpose, keys) and on nothing else. */
class SeededRandomTests {

    @Test
    void theSameSeedPurposeAndKeysGiveTheSameSequence() {
        assertThat(sequence(SeededRandom.of(42, "trade", 536834, 7)))
                .isEqualTo(sequence(SeededRandom.of(42, "trade", 536834, 7)));
        // Another generator drawn in between changes nothing: no shared state.
        SeededRandom first = SeededRandom.of(42, "trade", 1);
        long a = first.nextLong();
        sequence(SeededRandom.of(42, "trade", 1));
        SeededRandom again = SeededRandom.of(42, "trade", 1);
        assertThat(again.nextLong()).isEqualTo(a);
        assertThat(again.nextLong()).isEqualTo(first.nextLong());
    }

    @Test
    void anotherSeedPurposeOrKeyGivesAnotherSequence() {
        List<Long> base = sequence(SeededRandom.of(42, "trade", 1, 2));
        List<List<Long>> others = List.of(
                sequence(SeededRandom.of(43, "trade", 1, 2)),
                sequence(SeededRandom.of(42, "trades", 1, 2)),
                sequence(SeededRandom.of(42, "tradf", 1, 2)),
                sequence(SeededRandom.of(42, "trade", 1, 3)),
                sequence(SeededRandom.of(42, "trade", 2, 1)),
                sequence(SeededRandom.of(42, "trade", 1)),
                sequence(SeededRandom.of(42, "trade", 1, 2, 0)),
                sequence(SeededRandom.of(42, "trade")));
        Set<List<Long>> distinct = new HashSet<>(others);
        distinct.add(base);
        assertThat(distinct).hasSize(others.size() + 1);
    }

    @Test
    void manyKeysGiveDistinctFirstNumbers() {
        Set<Long> firsts = new HashSet<>();
        for (long key = 0; key < 100_000; key++) {
            firsts.add(SeededRandom.of(7, "npc", key).nextLong());
        }
        assertThat(firsts).hasSize(100_000);
    }

    @Test
    void countAveragesTheGivenValueUsingOnlyTheTwoNearestWholeNumbers() {
        SeededRandom random = SeededRandom.of(1, "count-test");
        for (double average : new double[] {0.25, 1.5, 2.3, 7.9}) {
            int whole = (int) average;
            long sum = 0;
            int draws = 200_000;
            for (int i = 0; i < draws; i++) {
                int count = random.count(average);
                assertThat(count).isBetween(whole, whole + 1);
                sum += count;
            }
            assertThat((double) sum / draws).as("average of count(%s)", average).isCloseTo(average, within(0.01));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(random.count(3.0)).isEqualTo(3);
            assertThat(random.count(0.0)).isZero();
        }
    }

    @Test
    void betweenIncludesBothEndsAndNothingOutside() {
        SeededRandom random = SeededRandom.of(5, "between");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int value = random.between(-2, 3);
            assertThat(value).isBetween(-2, 3);
            seen.add(value);
        }
        assertThat(seen).containsExactlyInAnyOrder(-2, -1, 0, 1, 2, 3);
    }

    @Test
    void idsAreStableForTheSameSeedKindAndKeys() {
        assertThat(DeterministicIds.uuid(42, "region", 3)).isEqualTo(DeterministicIds.uuid(42, "region", 3));
        assertThat(DeterministicIds.uuid(42, "trade", 536000, 12, 4))
                .isEqualTo(DeterministicIds.uuid(42, "trade", 536000, 12, 4));
    }

    @Test
    void idsAreVersionFourWithTheIetfVariant() {
        for (long key = 0; key < 10_000; key++) {
            UUID id = DeterministicIds.uuid(99, "character", key);
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            // The text form PostgreSQL and other tools check: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx.
            assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void idsDifferForDifferentSeedsKindsAndKeys() {
        Set<UUID> ids = new HashSet<>();
        LongStream.range(0, 50_000).forEach(key -> ids.add(DeterministicIds.uuid(42, "trade", key)));
        LongStream.range(0, 50_000).forEach(key -> ids.add(DeterministicIds.uuid(42, "transaction", key)));
        LongStream.range(0, 50_000).forEach(key -> ids.add(DeterministicIds.uuid(43, "trade", key)));
        LongStream.range(0, 300).forEach(a -> LongStream.range(0, 300)
                .forEach(b -> ids.add(DeterministicIds.uuid(42, "trade", a, b))));
        assertThat(ids).hasSize(3 * 50_000 + 300 * 300);
        assertThat(DeterministicIds.uuid(42, "trade", 1, 2)).isNotEqualTo(DeterministicIds.uuid(42, "trade", 2, 1));
    }

    private static List<Long> sequence(SeededRandom random) {
        return LongStream.range(0, 20).map(i -> random.nextLong()).boxed().toList();
    }
}
