package com.visualdm.worldengine.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.visualdm.worldengine.world.WorldName;
import com.visualdm.worldengine.world.WorldTables;

/**
 * A hash per table of a world's content, rows in id order, everything but the real-time audit columns
 * (created_at, updated_at): two worlds with equal fingerprints hold byte-identical rows.
 */
public final class WorldFingerprint {

    private WorldFingerprint() {
    }

    public static Map<String, String> of(JdbcClient jdbc, WorldName world) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String table : WorldTables.ALL) {
            hashes.put(table, jdbc.sql("""
                            SELECT count(*) || ':' || coalesce(md5(string_agg(
                                       (to_jsonb(t) - 'created_at' - 'updated_at')::text, E'\\n' ORDER BY t.id)), '')
                              FROM "%s"."%s" t
                            """.formatted(world.schema(), table))
                    .query(String.class).single());
        }
        return hashes;
    }
}
