package com.visualdm.worldengine.cli;

import com.visualdm.worldengine.world.WorldSize;

import picocli.CommandLine;

/** {@code --size tiny|small|medium|large}. */
public final class WorldSizeConverter implements CommandLine.ITypeConverter<WorldSize> {

    @Override
    public WorldSize convert(String value) {
        try {
            return WorldSize.ofLabel(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("unknown size '" + value
                    + "' (expected tiny, small, medium or large)");
        }
    }
}
