-- Faster decoding of game dates in the _archived views (the format does not change). Rebuilding each row's date
-- as JSONB with archive_date (jsonb_build_object) was most of the time verification and restore spend on a
-- segment: about 2.5 microseconds a row, 0.6 s of the 0.95 s a transaction partition of the large bench world
-- took to verify. A segment holds one world day, and a day has only 1,440 dates, so the views make the day's
-- dates once per segment, as one JSONB array indexed by minute (archive_day_dates, about 2 ms: parsed from text,
-- which is cheaper than aggregating JSONB values), and each row takes its date from it (-> is direct access
-- into a JSONB array). Only segments of at least 1,000 rows get one; smaller ones, and any minute the array
-- lacks, still go through archive_date. Both give the same JSONB values (ArchiveFormatTests compares them for
-- every minute), and verification would refuse a segment whose dates came back otherwise.

-- The game dates of world day p_world_day, as a JSONB array: element m is archive_date(p_world_day, m).
CREATE FUNCTION archive_day_dates(p_world_day integer) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT ('[' || string_agg('{"day": ' || (p_world_day % 30 + 1)::text || ', "hour": ' || (m / 60)::text
                              || ', "year": ' || (p_world_day / 360 + 1)::text || ', "month": ' || (p_world_day % 360 / 30 + 1)::text
                              || ', "minute": ' || (m % 60)::text || '}', ', ' ORDER BY m) || ']')::jsonb
      FROM generate_series(0, 1439) m
$$;

CREATE OR REPLACE FUNCTION archive_rebuild_views() RETURNS void
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
    v_unnested text;
BEGIN
    FOR i IN 1 .. array_length(v_layout, 2) LOOP
        v_table := v_layout[1][i];
        v_date := v_layout[2][i];
        v_member := v_layout[3][i];
        v_member_key := v_layout[4][i];

        -- The table's columns decoded from the unnested row u: dates from the segment's day of dates (dd.dates),
        -- or built one by one where it has none; members as in format 2; coded uuids through the dictionary's
        -- array (u.uuids), or its primary key where the array is NULL.
        SELECT string_agg(CASE
                              WHEN a.attname = 'world_day' THEN 's.world_day'
                              WHEN a.attname = v_date THEN format(
                                  'CASE WHEN u.%1$I IS NULL THEN u.%2$I ELSE coalesce(dd.dates -> u.%1$I::integer, archive_date(s.world_day, u.%1$I)) END AS %2$I',
                                  v_date || '__minute', a.attname)
                              WHEN a.attname = v_member THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE jsonb_object(ARRAY[%L], ARRAY[u.%I::text]) END AS %I',
                                                                    v_member || '__uuid', a.attname, v_member_key, v_member || '__uuid', a.attname)
                              WHEN a.atttypid = 'uuid'::regtype AND a.attname <> 'id' THEN format(
                                  'CASE WHEN u.%1$I IS NULL THEN u.%2$I ELSE coalesce(u.uuids[u.%1$I], '
                                  '(SELECT c.id FROM archive_uuids c WHERE c.code = u.%1$I)) END AS %2$I',
                                  a.attname || '__code', a.attname)
                              ELSE format('u.%I', a.attname) END, ', ' ORDER BY a.attnum)
          INTO v_decoded
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped;
        -- Every array of the segment (the table's columns but world_day, then those of formats 2 and 3), and the
        -- dictionary: an uncorrelated subquery, so computed once, when the first segment is unpacked.
        SELECT string_agg(format('unnest(s.%I) AS %I', a.attname, a.attname), ', ' ORDER BY a.attnum)
               || ', (SELECT d.ids FROM archive_uuid_array d) AS uuids'
          INTO v_unnested
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table || '_archive')::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attndims > 0;

        -- A segment's day of dates is made once per segment (fenced, so not once per row), and only for segments
        -- of enough rows to pay for it.
        EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT s.ledger_id, %s FROM %I s'
                       ' CROSS JOIN LATERAL (SELECT CASE WHEN s.format_version >= 2 AND s.row_count >= 1000'
                       ' THEN archive_day_dates(s.world_day) END AS dates OFFSET 0) dd'
                       ' CROSS JOIN LATERAL (SELECT %s) u',
                       v_table || '_archived', v_decoded, v_table || '_archive', v_unnested);
    END LOOP;
END
$$;

SELECT archive_rebuild_views();
