package com.visualdm.worldengine.cli;

import java.sql.SQLException;

import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.system.DatabaseUnreachableException;
import com.visualdm.worldengine.system.ExitCode;
import com.visualdm.worldengine.system.Secrets;
import com.visualdm.worldengine.system.WorldBusyException;

/** Turns an exception from any depth (Spring wraps start-up failures) into an exit code and one line. */
final class Failures {

    private Failures() {
    }

    static ExitCode exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorldBusyException) {
                return ExitCode.BUSY;
            }
            if (t instanceof BadInputException) {
                return ExitCode.BAD_INPUT;
            }
            if (t instanceof DatabaseUnreachableException) {
                return ExitCode.DATABASE_UNREACHABLE;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return ExitCode.DATABASE_UNREACHABLE;
            }
        }
        return ExitCode.JOB_FAILED;
    }

    /** The most specific message, on one line: ours if there is one, else the deepest cause's. */
    static String message(Throwable failure) {
        return mostSpecific(failure).replaceAll("\\s+", " ").strip();
    }

    private static String mostSpecific(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof DatabaseUnreachableException) {
                return Secrets.redact(t.getMessage());
            }
            deepest = t;
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        return Secrets.redact(message);
    }
}
