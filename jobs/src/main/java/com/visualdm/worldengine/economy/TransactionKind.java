package com.visualdm.worldengine.economy;

import java.util.Locale;

/**
 * Kinds of {@code transaction_entities} rows. Only {@link #MINT} (no payer) creates money and only {@link #BURN}
 * (no payee) destroys it; every other kind moves money from one holder to another.
 */
public enum TransactionKind {
    MINT, BURN, PURCHASE, SALE, TAX, TRIBUTE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
