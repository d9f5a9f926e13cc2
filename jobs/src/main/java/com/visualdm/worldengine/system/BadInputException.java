package com.visualdm.worldengine.system;

/** Input the engine refuses: a bad name, an unknown world, a world that already exists. Exit code 2. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
