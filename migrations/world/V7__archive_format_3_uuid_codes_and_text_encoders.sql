-- Format 3 of the archive segments (package archive). Measured on the large bench world, what format 2 left was
-- mostly uuids, 16 random bytes each that no compression shortens. Most of them are references that repeat
-- across the archive (the same buyers, sellers, markets and places day after day) but rarely within the reach of
-- lz4. Format 3 stores every uuid column but id as a 4-byte code from archive_uuids, a dictionary of the world's
-- archive: <column>__code holds the codes and the element of the column itself is NULL. Codes are only ever
-- added (a segment's codes stay valid for as long as the world exists); a NULL keeps a NULL code. Segments of
-- formats 1 and 2 have these columns NULL and decode unchanged.
--
-- Dates and trade ids are encoded as in format 2, and decoded by the same archive_date().

CREATE TABLE archive_uuids (
    code INTEGER NOT NULL,
    id UUID NOT NULL,
    CONSTRAINT archive_uuids_pkey PRIMARY KEY (code),
    CONSTRAINT archive_uuids_id_key UNIQUE (id)
);

DROP FUNCTION archive_date_minute(jsonb, integer);
DROP FUNCTION archive_uuid_member(jsonb, text);

-- Format 2's encoders could not be inlined into the packing query, because their bodies used concat() and
-- to_json(), which are only stable: every row paid for a call of a SQL function. These are built from immutable
-- operators only, and read the text of a value computed once per row by the packing query. They accept exactly
-- what format 2's accepted.

-- The minute of the day of a game date, given as the text of its JSONB value (p_date::text), if the date is
-- exactly what archive_date(p_world_day, minute) rebuilds: its text is compared with the text archive_date's
-- value has (jsonb orders keys by length, then bytewise), so 12.0 never passes for 12.
CREATE FUNCTION archive_date_minute(p_date text, p_world_day integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN split_part(split_part(p_date, ', "hour": ', 2), ',', 1) ~ '^[0-9]{1,2}$'
         AND split_part(split_part(p_date, ', "minute": ', 2), '}', 1) ~ '^[0-5]?[0-9]$'
         AND p_date = '{"day": ' || (p_world_day % 30 + 1)::text || ', "hour": ' || split_part(split_part(p_date, ', "hour": ', 2), ',', 1)
                      || ', "year": ' || (p_world_day / 360 + 1)::text || ', "month": ' || (p_world_day % 360 / 30 + 1)::text
                      || ', "minute": ' || split_part(split_part(p_date, ', "minute": ', 2), '}', 1) || '}'
        THEN (split_part(split_part(p_date, ', "hour": ', 2), ',', 1)::int * 60
              + split_part(split_part(p_date, ', "minute": ', 2), '}', 1)::int)::smallint
    END
$$;

-- The uuid of a JSONB value, given as its text (p_value::text), if the value is exactly {p_key: "<canonical
-- lowercase uuid>"}, so that jsonb_build_object(p_key, uuid::text) gives it back; NULL for any other value.
-- p_key is a plain name (no character JSON escapes); any other key never matches, so its values are kept.
CREATE FUNCTION archive_uuid_member(p_value text, p_key text) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN starts_with(p_value, '{"' || p_key || '": "')
         AND length(p_value) = length(p_key) + 44
         AND right(p_value, 2) = '"}'
         AND substr(p_value, length(p_key) + 7, 36) LIKE '________-____-____-____-____________'
         AND substr(p_value, length(p_key) + 7, 36) ~ '^[-0-9a-f]*$'
        THEN substr(p_value, length(p_key) + 7, 36)::uuid
    END
$$;

-- The decoder of dates: jsonb_build_object() is stable, so archive_date, declared immutable, was never inlined
-- into the _archived views either. Declared stable, it is.
ALTER FUNCTION archive_date(integer, smallint) STABLE;

DO $$
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
    v_column name;
    v_decoded text;
    v_unnest_arguments text;
    v_unnest_names text;
    v_codes text;
BEGIN
    FOR i IN 1 .. array_length(v_layout, 2) LOOP
        v_table := v_layout[1][i];
        v_date := v_layout[2][i];
        v_member := v_layout[3][i];
        v_member_key := v_layout[4][i];

        FOR v_column IN SELECT a.attname FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = format('%I.%I', current_schema(), v_table)::regclass
                            AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'uuid'::regtype AND a.attname <> 'id'
                          ORDER BY a.attnum LOOP
            EXECUTE format('ALTER TABLE %I ADD COLUMN %I integer[]', v_table || '_archive', v_column || '__code');
            BEGIN
                EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4', v_table || '_archive', v_column || '__code');
            EXCEPTION WHEN feature_not_supported THEN
                NULL; -- a server built without lz4 keeps pglz
            END;
        END LOOP;
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD CONSTRAINT %I CHECK (format_version IN (1, 2, 3))',
                       v_table || '_archive', v_table || '_archive_format_known', v_table || '_archive_format_known');

        -- The table's columns decoded: world_day from the header, dates and members as in format 2, coded uuids
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
        SELECT string_agg(format('s.%I', a.attname), ', ' ORDER BY a.attnum),
               string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum)
          INTO v_unnest_arguments, v_unnest_names
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table || '_archive')::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attndims > 0;

        EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT s.ledger_id, %s FROM %I s CROSS JOIN LATERAL unnest(%s) AS u(%s)%s',
                       v_table || '_archived', v_decoded, v_table || '_archive', v_unnest_arguments, v_unnest_names, v_codes);
    END LOOP;
END
$$;
