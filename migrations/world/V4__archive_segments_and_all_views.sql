-- The compressed archive of trade_entities, transaction_entities and history_entities (package archive).
-- <table>_archive holds segments: the rows of one world day (at most world-engine.archive.segment-rows of them),
-- packed column by column, one array per column, so that TOAST compresses each column's values together. The
-- headers are plain, indexed columns, so a query skips segments before unpacking them. Format 1: every column
-- of the table except world_day, as an array in the table's column order, elements in id order.
--
-- <table>_all returns the live rows and the archived rows with identical values. Its archive branch takes
-- world_day from the segment header, so a condition on world_day reaches the header index, and only matching
-- segments are unpacked.
--
-- Built from the catalog so that the archive has exactly the table's columns and types. A later migration that
-- changes one of these tables must change its archive table and view too (and bump the format).
DO $$
DECLARE
    v_table text;
    v_archive_columns text;
    v_live_columns text;
    v_unpacked_columns text;
    v_unnest_arguments text;
    v_unnest_names text;
    v_column name;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['trade_entities', 'transaction_entities', 'history_entities'] LOOP
        SELECT string_agg(format('%I %s[] NOT NULL', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
                   FILTER (WHERE a.attname <> 'world_day'),
               string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum),
               string_agg(CASE WHEN a.attname = 'world_day' THEN 's.world_day' ELSE format('u.%I', a.attname) END, ', ' ORDER BY a.attnum),
               string_agg(format('s.%I', a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attname <> 'world_day'),
               string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attname <> 'world_day')
          INTO v_archive_columns, v_live_columns, v_unpacked_columns, v_unnest_arguments, v_unnest_names
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('%I.%I', current_schema(), v_table)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped;

        EXECUTE format('CREATE TABLE %I ('
                       'segment_id BIGINT GENERATED ALWAYS AS IDENTITY, '
                       'world_day INTEGER NOT NULL, '
                       'ledger_id BIGINT NOT NULL, '
                       'min_id UUID NOT NULL, '
                       'max_id UUID NOT NULL, '
                       'row_count INTEGER NOT NULL, '
                       'checksum NUMERIC NOT NULL, '
                       'format_version SMALLINT NOT NULL, '
                       '%s, '
                       'CONSTRAINT %I PRIMARY KEY (segment_id), '
                       'CONSTRAINT %I CHECK (format_version = 1))',
                       v_table || '_archive', v_archive_columns, v_table || '_archive_pkey',
                       v_table || '_archive_format_known');
        FOR v_column IN SELECT a.attname FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = format('%I.%I', current_schema(), v_table || '_archive')::regclass
                            AND a.attnum > 0 AND a.attndims > 0 LOOP
            BEGIN
                EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4', v_table || '_archive', v_column);
            EXCEPTION WHEN feature_not_supported THEN
                NULL; -- a server built without lz4 keeps pglz
            END;
        END LOOP;
        EXECUTE format('CREATE INDEX %I ON %I (world_day)', v_table || '_archive_world_day_idx', v_table || '_archive');
        EXECUTE format('CREATE INDEX %I ON %I (ledger_id)', v_table || '_archive_ledger_idx', v_table || '_archive');

        EXECUTE format('CREATE VIEW %I AS '
                       'SELECT %s FROM %I '
                       'UNION ALL '
                       'SELECT %s FROM %I s CROSS JOIN LATERAL unnest(%s) AS u(%s)',
                       v_table || '_all', v_live_columns, v_table, v_unpacked_columns, v_table || '_archive',
                       v_unnest_arguments, v_unnest_names);
    END LOOP;
END
$$;
