package com.visualdm.worldengine.archive;

/**
 * Test hook for the crash tests: with {@code world-engine.archive.halt-at} naming one of these, an archive run
 * prints {@code archive halted at <POINT>} and waits there forever, so that a test can kill the process with
 * SIGKILL at exactly that point (an archive restore halts likewise at its own point). Unset (the default), it does nothing.
 */
public enum HaltPoint {
    /** After the detach committed. */
    AFTER_DETACH,
    /** Inside the pack transaction, segments written but not committed. */
    MID_PACK,
    /** After the verification committed. */
    AFTER_VERIFY,
    /** Inside the drop transaction, before the DROP. */
    BEFORE_DROP,
    /** In a restore: children loaded as tables of their own and committed, not yet attached. */
    RESTORE_STAGED;

    /** Whether an archive run reaches this point (the others are a restore's). */
    public boolean inArchiveRun() {
        return this != RESTORE_STAGED;
    }
}
