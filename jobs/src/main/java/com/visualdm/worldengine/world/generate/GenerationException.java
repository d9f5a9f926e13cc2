package com.visualdm.worldengine.world.generate;

/** World generation failed; the half-made world is removed by the caller. */
public class GenerationException extends RuntimeException {

    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
