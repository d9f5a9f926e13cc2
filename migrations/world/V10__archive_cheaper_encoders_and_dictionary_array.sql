-- Cheaper packing and unpacking of format 3 (the format does not change; the encoders accept exactly the values
-- V9's accepted). Measured on a transaction partition of the large bench world (252 thousand rows):
--
--   * archive_uuid_member checked its member's characters with ltrim() on text, which in a UTF8 database takes
--     the multibyte path: about 1.3 microseconds a row. The same check on the member's bytes takes a fifth of it.
--   * archive_date_minute checked the hour's and minute's digits with ltrim() too. The text equality it ends with
--     already proves that they are the text of JSON numbers (a string would be quoted, an array bracketed), so a
--     comparison of at most two characters in byte order is enough to tell one or two digits from a sign or a
--     fraction.
--   * The _archived views decoded each coded column with a hash join on archive_uuids, one per column: five
--     hash tables of the whole dictionary for each transaction segment read. They look codes up in the
--     dictionary as one array instead (codes are dense, 1 to n, by construction: ArchiveSql.code adds the next
--     ones in one statement under a lock and nothing removes any). The array is built once per query and only
--     if a segment is read; should the codes ever not be dense, it is NULL and every code is looked up through
--     the primary key, more slowly but just as right.

-- The uuid of a JSONB value, given its text (p_value::text) and its member p_key (p_value->>p_key), if the value
-- is exactly {p_key: "<canonical lower-case uuid>"}, so that jsonb_build_object(p_key, uuid::text) gives it back;
-- NULL for any other value. p_key is a plain name (no character JSON escapes); any other key never matches.
-- Stable, not immutable: convert_to() is, and an immutable function calling it would not be inlined.
CREATE OR REPLACE FUNCTION archive_uuid_member(p_value text, p_member text, p_key text) RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN octet_length(p_member) = 36 AND p_member LIKE '________-____-____-____-____________'
         AND octet_length(replace(p_member, '-', '')) = 32
         AND ltrim(convert_to(p_member, getdatabaseencoding()), '\x2d30313233343536373839616263646566'::bytea) = ''::bytea
         AND p_value = '{"' || p_key || '": "' || p_member || '"}'
        THEN p_member::uuid
    END
$$;

-- The minute of the day of a game date, given the text of its JSONB value (p_date::text) and its members hour
-- and minute (p_date->>'hour', p_date->>'minute'), if the date is exactly what archive_date(p_world_day, minute)
-- rebuilds: an hour of one or two digits, a minute from 0 to 59. When the texts are equal, hour and minute are
-- the text of JSON numbers as jsonb prints them (no leading zeros, no exponent), so that a comparison in byte
-- order tells one or two digits from a sign or a fraction.
CREATE OR REPLACE FUNCTION archive_date_minute(p_date text, p_hour text, p_minute text, p_world_day integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN octet_length(p_hour) BETWEEN 1 AND 2 AND p_hour COLLATE "C" BETWEEN '0' AND '99'
         AND CASE octet_length(p_minute) WHEN 1 THEN p_minute COLLATE "C" BETWEEN '0' AND '9'
                                         WHEN 2 THEN p_minute COLLATE "C" BETWEEN '10' AND '59' ELSE false END
         AND p_date = '{"day": ' || (p_world_day % 30 + 1)::text || ', "hour": ' || p_hour || ', "year": ' || (p_world_day / 360 + 1)::text
                      || ', "month": ' || (p_world_day % 360 / 30 + 1)::text || ', "minute": ' || p_minute || '}'
        THEN (p_hour::integer * 60 + p_minute::integer)::smallint
    END
$$;

-- The world's uuid dictionary as one array, the uuid of code c at subscript c; NULL unless the codes are 1 to n.
CREATE VIEW archive_uuid_array AS
SELECT CASE WHEN count(*) = max(code) AND min(code) = 1 THEN array_agg(id ORDER BY code) END AS ids
  FROM archive_uuids;

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

        -- The table's columns decoded from the unnested row u: dates and members as in format 2, coded uuids
        -- through the dictionary's array (u.uuids), or its primary key where the array is NULL.
        SELECT string_agg(CASE
                              WHEN a.attname = 'world_day' THEN 's.world_day'
                              WHEN a.attname = v_date THEN format('CASE WHEN u.%I IS NULL THEN u.%I ELSE archive_date(s.world_day, u.%I) END AS %I',
                                                                  v_date || '__minute', a.attname, v_date || '__minute', a.attname)
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

        EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT s.ledger_id, %s FROM %I s CROSS JOIN LATERAL (SELECT %s) u',
                       v_table || '_archived', v_decoded, v_table || '_archive', v_unnested);
    END LOOP;
END
$$;

SELECT archive_rebuild_views();
