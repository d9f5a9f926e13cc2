package com.visualdm.worldengine.json;

import java.math.BigDecimal;

/** Exact decimals from whole hundredths, printed the same on every machine (no float formatting). */
public final class Decimals {

    private Decimals() {
    }

    public static String hundredths(long hundredths) {
        if (hundredths == Long.MIN_VALUE) {
            return BigDecimal.valueOf(hundredths, 2).toPlainString(); // the one value Math.abs cannot negate
        }
        long abs = Math.abs(hundredths);
        long fraction = abs % 100;
        return (hundredths < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
