package com.visualdm.worldengine.cli;

import com.visualdm.worldengine.system.BadInputException;
import com.visualdm.worldengine.world.WorldName;

import picocli.CommandLine;

/** {@code --world NAME}, validated while parsing: a bad name is a usage error (exit 2). */
public final class WorldNameConverter implements CommandLine.ITypeConverter<WorldName> {

    @Override
    public WorldName convert(String value) {
        try {
            return WorldName.of(value);
        } catch (BadInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
