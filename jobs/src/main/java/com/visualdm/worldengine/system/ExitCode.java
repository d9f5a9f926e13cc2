package com.visualdm.worldengine.system;

/** The process exit codes every command uses; documented in the README. */
public enum ExitCode {
    SUCCESS(0),
    JOB_FAILED(1),
    BAD_INPUT(2),
    DATABASE_UNREACHABLE(3),
    BUSY(4),
    /** {@code audit} found the ledger of a world inconsistent. */
    AUDIT_FAILED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
