package com.visualdm.worldengine.system;

/** The configured or embedded PostgreSQL cannot be reached or used. Exit code 3. */
public class DatabaseUnreachableException extends RuntimeException {

    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
