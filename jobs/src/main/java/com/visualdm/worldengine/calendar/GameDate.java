package com.visualdm.worldengine.calendar;

/**
 * A date of the game calendar, the shape of the seed's JSONB dates ({"year","month","day","hour","minute"}).
 *
 * <p>12 months of 30 days, a 360-day year, years from 1, no leap years (docs/rules.md). {@link #worldDay()}
 * numbers the days from 0 and is what the database stores beside each date (world_day_of() in the world schema
 * computes the same).
 */
public record GameDate(int year, int month, int day, int hour, int minute) {

    public static final int MONTHS_PER_YEAR = 12;
    public static final int DAYS_PER_MONTH = 30;
    public static final int DAYS_PER_YEAR = MONTHS_PER_YEAR * DAYS_PER_MONTH;

    public GameDate {
        if (year < 1 || month < 1 || month > MONTHS_PER_YEAR || day < 1 || day > DAYS_PER_MONTH
                || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            throw new IllegalArgumentException("not a date of the game calendar: " + year + "-" + month + "-" + day
                    + " " + hour + ":" + minute);
        }
    }

    public static GameDate ofWorldDay(int worldDay) {
        return ofWorldDay(worldDay, 0, 0);
    }

    public static GameDate ofWorldDay(int worldDay, int hour, int minute) {
        if (worldDay < 0) {
            throw new IllegalArgumentException("world day must not be negative: " + worldDay);
        }
        return new GameDate(worldDay / DAYS_PER_YEAR + 1, worldDay % DAYS_PER_YEAR / DAYS_PER_MONTH + 1,
                worldDay % DAYS_PER_MONTH + 1, hour, minute);
    }

    public int worldDay() {
        return (year - 1) * DAYS_PER_YEAR + (month - 1) * DAYS_PER_MONTH + (day - 1);
    }

    public Season season() {
        return Season.values()[(month - 1) / 3];
    }

    /** The JSONB form, keys in the seed's order. */
    public String toJson() {
        return "{\"year\": " + year + ", \"month\": " + month + ", \"day\": " + day + ", \"hour\": " + hour
                + ", \"minute\": " + minute + "}";
    }

    @Override
    public String toString() {
        return String.format("%d-%02d-%02d", year, month, day);
    }

    public enum Season { WINTER, SPRING, SUMMER, AUTUMN }
}
