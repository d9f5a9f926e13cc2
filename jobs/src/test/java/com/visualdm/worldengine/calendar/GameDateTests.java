package com.visualdm.worldengine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.visualdm.worldengine.calendar.GameDate.Season;

/** The game calendar of docs/rules.md: 12 months of 30 days, years from 1, one world day per date. */
class GameDateTests {

    @Test
    void theWorldDayFollowsTheDocumentedFormulaForEveryDateOfSeveralYears() {
        for (int year : new int[] {1, 2, 3, 1491, 1492, 1493}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 30; day++) {
                    int expected = (year - 1) * 360 + (month - 1) * 30 + (day - 1);
                    assertThat(new GameDate(year, month, day, 12, 30).worldDay())
                            .as("%d-%d-%d", year, month, day).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void knownDatesHaveTheirKnownWorldDays() {
        assertThat(new GameDate(1, 1, 1, 0, 0).worldDay()).isZero();
        assertThat(new GameDate(1, 1, 30, 0, 0).worldDay()).isEqualTo(29);
        assertThat(new GameDate(1, 2, 1, 0, 0).worldDay()).isEqualTo(30);
        assertThat(new GameDate(1, 12, 30, 23, 59).worldDay()).isEqualTo(359);
        assertThat(new GameDate(2, 1, 1, 0, 0).worldDay()).isEqualTo(360);
        // The start date of every new world (docs/rules.md).
        assertThat(new GameDate(1492, 3, 15, 0, 0).worldDay()).isEqualTo(536834);
    }

    @Test
    void aWorldDayGivesBackItsDateAcrossMonthAndYearBoundaries() {
        int[][] ranges = {{0, 1100}, {536834 - 800, 536834 + 800}, {Integer.MAX_VALUE - 400, Integer.MAX_VALUE}};
        for (int[] range : ranges) {
            GameDate previous = null;
            for (long day = range[0]; day <= range[1]; day++) {
                int worldDay = (int) day;
                GameDate date = GameDate.ofWorldDay(worldDay);
                assertThat(date.worldDay()).isEqualTo(worldDay);
                assertThat(date.hour()).isZero();
                assertThat(date.minute()).isZero();
                if (previous != null) {
                    assertThat(date).isEqualTo(nextDay(previous));
                }
                previous = date;
            }
        }
    }

    @Test
    void theLastDayOfAMonthAndOfAYearAreFollowedByTheFirstOfTheNext() {
        assertThat(GameDate.ofWorldDay(29)).isEqualTo(new GameDate(1, 1, 30, 0, 0));
        assertThat(GameDate.ofWorldDay(30)).isEqualTo(new GameDate(1, 2, 1, 0, 0));
        assertThat(GameDate.ofWorldDay(359)).isEqualTo(new GameDate(1, 12, 30, 0, 0));
        assertThat(GameDate.ofWorldDay(360)).isEqualTo(new GameDate(2, 1, 1, 0, 0));
        assertThat(GameDate.ofWorldDay(536834)).isEqualTo(new GameDate(1492, 3, 15, 0, 0));
    }

    @Test
    void aWorldDayWithATimeKeepsTheTime() {
        GameDate date = GameDate.ofWorldDay(536834, 23, 59);
        assertThat(date).isEqualTo(new GameDate(1492, 3, 15, 23, 59));
        assertThat(date.worldDay()).isEqualTo(536834);
    }

    @Test
    void datesOutsideTheCalendarAreRefused() {
        int[][] invalid = {
                {0, 1, 1, 0, 0}, {-1, 1, 1, 0, 0},
                {1, 0, 1, 0, 0}, {1, 13, 1, 0, 0},
                {1, 1, 0, 0, 0}, {1, 1, 31, 0, 0}, {1, 2, 31, 0, 0},
                {1, 1, 1, -1, 0}, {1, 1, 1, 24, 0},
                {1, 1, 1, 0, -1}, {1, 1, 1, 0, 60}};
        for (int[] d : invalid) {
            assertThatThrownBy(() -> new GameDate(d[0], d[1], d[2], d[3], d[4]))
                    .as("%d-%d-%d %d:%d", d[0], d[1], d[2], d[3], d[4])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a date of the game calendar");
        }
        assertThatThrownBy(() -> GameDate.ofWorldDay(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GameDate.ofWorldDay(0, 24, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GameDate.ofWorldDay(0, 0, 60)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seasonsAreThreeMonthsEachStartingWithWinter() {
        Map<Integer, Season> expected = Map.ofEntries(
                Map.entry(1, Season.WINTER), Map.entry(2, Season.WINTER), Map.entry(3, Season.WINTER),
                Map.entry(4, Season.SPRING), Map.entry(5, Season.SPRING), Map.entry(6, Season.SPRING),
                Map.entry(7, Season.SUMMER), Map.entry(8, Season.SUMMER), Map.entry(9, Season.SUMMER),
                Map.entry(10, Season.AUTUMN), Map.entry(11, Season.AUTUMN), Map.entry(12, Season.AUTUMN));
        expected.forEach((month, season) -> {
            assertThat(new GameDate(1492, month, 1, 0, 0).season()).as("month %d", month).isEqualTo(season);
            assertThat(new GameDate(1492, month, 30, 0, 0).season()).as("month %d", month).isEqualTo(season);
        });
    }

    @Test
    void theJsonFormHasTheSeedsKeysInTheSeedsOrder() throws Exception {
        GameDate date = new GameDate(1492, 3, 15, 7, 5);
        assertThat(date.toJson()).isEqualTo("{\"year\": 1492, \"month\": 3, \"day\": 15, \"hour\": 7, \"minute\": 5}");
        Map<String, Object> parsed = new ObjectMapper().readValue(date.toJson(), new TypeReference<LinkedHashMap<String, Object>>() { });
        assertThat(parsed).containsExactly(Map.entry("year", 1492), Map.entry("month", 3), Map.entry("day", 15),
                Map.entry("hour", 7), Map.entry("minute", 5));
    }

    @Test
    void theTextFormIsYearMonthDayWithTwoDigitMonthAndDay() {
        assertThat(new GameDate(1492, 3, 5, 10, 0)).hasToString("1492-03-05");
        assertThat(new GameDate(7, 12, 30, 0, 0)).hasToString("7-12-30");
    }

    private static GameDate nextDay(GameDate date) {
        if (date.day() < 30) {
            return new GameDate(date.year(), date.month(), date.day() + 1, 0, 0);
        }
        if (date.month() < 12) {
            return new GameDate(date.year(), date.month() + 1, 1, 0, 0);
        }
        return new GameDate(date.year() + 1, 1, 1, 0, 0);
    }
}
