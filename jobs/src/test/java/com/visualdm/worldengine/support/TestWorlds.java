package com.visualdm.worldengine.support;

import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldService;
import com.visualdm.worldengine.world.WorldSize;
import com.visualdm.worldengine.world.generate.GenerationProgress;

/** Worlds for tests: made afresh each time, whatever an earlier run left behind. */
public final class TestWorlds {

    private TestWorlds() {
    }

    public static WorldName recreate(WorldService worlds, WorldName name, long seed, WorldSize size) {
        remove(worlds, name);
        worlds.create(name, seed, size, GenerationProgress.SILENT);
        return name;
    }

    public static void remove(WorldService worlds, WorldName name) {
        if (worlds.find(name).isPresent()) {
            worlds.drop(name);
        }
    }
}
