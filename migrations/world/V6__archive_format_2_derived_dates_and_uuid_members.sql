-- Format 2 of the archive segments (package archive). Measured on the large bench world, what format 1 leaves
-- after lz4 is mostly random uuids (16 bytes each, incompressible) and two things that need not be stored:
--   * the game date of each row ({"day","hour","year","month","minute"}), whose day, month and year follow from
--     the segment's world_day: format 2 stores only the minute of the day (hour * 60 + minute) in
--     <date column>__minute and leaves the date's element NULL, wherever the date is exactly the one
--     archive_date() rebuilds (as text, so that 12.0 and 12 never pass for each other); any other date is kept;
--   * the trade id in each transaction's properties ({"trade_id": "<uuid>"}), 36 hex characters as JSON text:
--     format 2 stores the uuid of exactly that object (a canonical, lowercase uuid) in binary in
--     properties__uuid and leaves the element NULL; any other value is kept.
-- Segments of format 1 have these columns NULL and decode unchanged, so both formats stay readable and
-- restorable without conversion.
--
-- <table>_archived unpacks segments (either format) into the table's columns, with the segment's ledger_id
-- beside them; <table>_all reads it. Conditions on world_day or ledger_id reach the segment headers before any
-- segment is unpacked.

-- The game date of a world day (12 months of 30 days, years from 1, as world_day_of reads it) at a minute.
CREATE FUNCTION archive_date(p_world_day integer, p_minute smallint) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT jsonb_build_object('day', p_world_day % 30 + 1, 'hour', p_minute / 60, 'year', p_world_day / 360 + 1,
                              'month', p_world_day % 360 / 30 + 1, 'minute', p_minute % 60)
$$;

-- The minute of the day of a game date, if the date is exactly what archive_date(p_world_day, minute) rebuilds:
-- its text is compared with the text archive_date's value has (jsonb orders keys by length, then bytewise),
-- built without making a jsonb, since this runs for every row packed; the archive's verification decodes every
-- segment with archive_date before anything is dropped.
CREATE FUNCTION archive_date_minute(p_date jsonb, p_world_day integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN p_date->>'hour' ~ '^[0-9]{1,2}$' AND p_date->>'minute' ~ '^[0-9]{1,2}$'
         AND p_date::text = concat('{"day": ', p_world_day % 30 + 1, ', "hour": ', p_date->>'hour', ', "year": ',
                                   p_world_day / 360 + 1, ', "month": ', p_world_day % 360 / 30 + 1, ', "minute": ',
                                   p_date->>'minute', '}')
        THEN ((p_date->>'hour')::int * 60 + (p_date->>'minute')::int)::smallint
    END
$$;

-- The uuid of p_value if it is exactly {p_key: "<canonical lowercase uuid>"} (its text: the key, then 36
-- characters, nothing else), so that jsonb_build_object(p_key, uuid::text) gives it back; NULL for any other
-- value. Cheap text tests only: this runs for every row packed.
CREATE FUNCTION archive_uuid_member(p_value jsonb, p_key text) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN starts_with(p_value::text, '{' || to_json(p_key)::text || ': "')
         AND length(p_value::text) = length(to_json(p_key)::text) + 42
         AND p_value->>p_key LIKE '________-____-____-____-____________'
         AND translate(p_value->>p_key, '0123456789abcdef', '') = '----'
        THEN (p_value->>p_key)::uuid
    END
$$;

DO $$
DECLARE
    -- table, its game date column, its JSONB column holding {key: uuid} objects and that key (NULL: none)
    v_layout CONSTANT text[][] := ARRAY[['trade_entities', 'trade_date', NULL, NULL],
                                         ['transaction_entities', 'transaction_date', 'properties', 'trade_id'],
                                         ['history_entities', 'event_date', NULL, NULL]];
    v_table text;
    v_date text;
    v_member text;
    v_member_key text;
    v_decoded text;
    v_unnest_arguments text;
    v_unnest_names text;
    v_columns text;
BEGIN
    FOR i IN 1 .. array_length(v_layout, 1) LOOP
        v_table := v_layout[i][1];
        v_date := v_layout[i][2];
        v_member := v_layout[i][3];
        v_member_key := v_layout[i][4];

        EXECUTE format('ALTER TABLE %I ADD COLUMN %I smallint[]', v_table || '_archive', v_date || '__minute');
        IF v_member IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I ADD COLUMN %I uuid[]', v_table || '_archive', v_member || '__uuid');
        END IF;
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD CONSTRAINT %I CHECK (format_version IN (1, 2))',
                       v_table || '_archive', v_table || '_archive_format_known', v_table || '_archive_format_known');
        BEGIN
            EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4', v_table || '_archive', v_date || '__minute');
            IF v_member IS NOT NULL THEN
                EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4', v_table || '_archive', v_member || '__uuid');
            END IF;
        EXCEPTION WHEN feature_not_supported THEN
            NULL; -- a server built without lz4 keeps pglz
        END;

        SELECT string_agg(CASE
                              WHEN a.attname = 'world_day' THEN 's.world_day'
                              WHEN a.attname = v_date THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE archive_date(s.world_day, u.%I) END AS %I',
                                                                  v_date || '__minute', a.attname, v_date || '__minute', a.attname)
                              WHEN a.attname = v_member THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE jsonb_build_object(%L, u.%I::text) END AS %I',
                                                                    v_member || '__uuid', a.attname, v_member_key, v_member || '__uuid', a.attname)
                              ELSE format('u.%I', a.attname) END, ', ' ORDER BY a.attnum),
               string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum)
          INTO v_decoded, v_columns
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped;
        -- Every array of the segment (the table's columns but world_day, then the format 2 columns).
        SELECT string_agg(format('s.%I', a.attname), ', ' ORDER BY a.attnum),
               string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum)
          INTO v_unnest_arguments, v_unnest_names
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table || '_archive')::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attndims > 0;

        EXECUTE format('CREATE VIEW %I AS SELECT s.ledger_id, %s FROM %I s CROSS JOIN LATERAL unnest(%s) AS u(%s)',
                       v_table || '_archived', v_decoded, v_table || '_archive', v_unnest_arguments, v_unnest_names);
        EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT %s FROM %I UNION ALL SELECT %s FROM %I',
                       v_table || '_all', v_columns, v_table, v_columns, v_table || '_archived');
    END LOOP;
END
$$;
