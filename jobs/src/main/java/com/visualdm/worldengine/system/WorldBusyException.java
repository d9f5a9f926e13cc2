package com.visualdm.worldengine.system;

/** The work asked for is being done by another process right now (a world's lock is held). Exit code 4. */
public class WorldBusyException extends BadInputException {

    public WorldBusyException(String message) {
        super(message);
    }
}
