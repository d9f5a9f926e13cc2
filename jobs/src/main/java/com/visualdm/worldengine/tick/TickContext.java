package com.visualdm.worldengine.tick;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.world.WorldName;

/** What a phase works on: the world, its seed (for every random choice) and the day being applied. */
public record TickContext(WorldName world, long seed, int day, long jobExecutionId) {

    public GameDate date() {
        return GameDate.ofWorldDay(day);
    }

    /** SQL calling the world schema's world_day_of() on a column or expression. */
    public String worldDayOf(String expression) {
        return WorldName.quote(world.schema()) + ".world_day_of(" + expression + ")";
    }

    /** Schema-qualified, quoted table of the world; the schema comes from a validated name. */
    public String table(String name) {
        return world.qualified(name);
    }
}
