-- The <table>_archived views unpacked a segment with unnest(a, b, ...) in FROM, which fills one tuplestore per
-- array before its first row comes out: about 2 microseconds a row, a third of verifying a partition. A lateral
-- subquery with one unnest() per array in its select list runs the arrays in step, row by row, with the same
-- rows (the arrays of a segment have one length; a missing array gives NULLs). It is lateral because, below a
-- plain subquery, the planner (which reckons a segment unnests to 10 rows) hashed the unpacked rows to decode
-- their codes instead of hashing the dictionary. Conditions on world_day and ledger_id still reach the segment
-- headers before anything is unpacked.
--
-- archive_rebuild_views() builds the views from the catalog, so that a later migration that changes a table or
-- its archive calls it instead of repeating it.

CREATE FUNCTION archive_rebuild_views() RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    -- table, its game date column, its JSONB column holding {key: uuid} objects and that key (NULL: none)
    v_layout CONSTANT text[][] := ARRAY[['trade_entities', 'transaction_entities', 'history_entities'],
                                         ['trade_date', 'transaction_date', 'event_date'],
                                         [NULL, 'properties', NULL],
                                         [NULL, 'trade_id', NULL]];
    v_table text;
    v_date text;
    v_member text;
    v_member_key text;
    v_decoded text;
    v_codes text;
    v_unnested text;
BEGIN
    FOR i IN 1 .. array_length(v_layout, 2) LOOP
        v_table := v_layout[1][i];
        v_date := v_layout[2][i];
        v_member := v_layout[3][i];
        v_member_key := v_layout[4][i];

        -- The table's columns decoded from the unnested row u: dates and members as in format 2, coded uuids
        -- through one join each on archive_uuids (aliased by the column's number).
        SELECT string_agg(CASE
                              WHEN a.attname = 'world_day' THEN 's.world_day'
                              WHEN a.attname = v_date THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE archive_date(s.world_day, u.%I) END AS %I',
                                                                  v_date || '__minute', a.attname, v_date || '__minute', a.attname)
                              WHEN a.attname = v_member THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE jsonb_build_object(%L, u.%I::text) END AS %I',
                                                                    v_member || '__uuid', a.attname, v_member_key, v_member || '__uuid', a.attname)
                              WHEN a.atttypid = 'uuid'::regtype AND a.attname <> 'id' THEN format('coalesce(%I.id, u.%I) AS %I',
                                                                    'code_' || a.attnum, a.attname, a.attname)
                              ELSE format('u.%I', a.attname) END, ', ' ORDER BY a.attnum),
               coalesce(string_agg(format(' LEFT JOIN archive_uuids %I ON %I.code = u.%I', 'code_' || a.attnum, 'code_' || a.attnum,
                                          a.attname || '__code'), '' ORDER BY a.attnum)
                            FILTER (WHERE a.atttypid = 'uuid'::regtype AND a.attname <> 'id'), '')
          INTO v_decoded, v_codes
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped;
        -- Every array of the segment (the table's columns but world_day, then those of formats 2 and 3).
        SELECT string_agg(format('unnest(s.%I) AS %I', a.attname, a.attname), ', ' ORDER BY a.attnum)
          INTO v_unnested
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table || '_archive')::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attndims > 0;

        EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT s.ledger_id, %s FROM %I s CROSS JOIN LATERAL (SELECT %s) u%s',
                       v_table || '_archived', v_decoded, v_table || '_archive', v_unnested, v_codes);
    END LOOP;
END
$$;

SELECT archive_rebuild_views();
