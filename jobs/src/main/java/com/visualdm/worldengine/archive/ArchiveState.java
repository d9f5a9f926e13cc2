package com.visualdm.worldengine.archive;

import java.util.Arrays;

/**
 * Where the archival of one child partition stands ({@code engine.archive_ledger.state}). Each step from one
 * state to the next is one transaction; a rerun continues every partition from its state.
 */
public enum ArchiveState {
    /** Chosen: its whole range lies beyond the retention. */
    PLANNED,
    /** Detached from its table and renamed {@code <child>_archiving}; its row count recorded. */
    DETACHED,
    /** Its rows packed into segments of the world's archive table; their hash, from the source rows, recorded. */
    PACKED,
    /** The segments hold exactly its rows: same count, same order-independent hash. */
    VERIFIED,
    /** The detached partition dropped: done. */
    DROPPED;

    public String label() {
        return name().toLowerCase();
    }

    public static ArchiveState ofLabel(String label) {
        return Arrays.stream(values()).filter(state -> state.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown archive state '" + label + "'"));
    }
}
