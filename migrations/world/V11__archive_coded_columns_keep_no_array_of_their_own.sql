-- Format 3 keeps every uuid of a coded column as its code (<column>__code); the column's own array only held
-- NULLs, one per row, because ArchiveSql.code gives every such uuid a code before the partition is packed.
-- Aggregating those NULLs cost the packing query about 30 ms per column and transaction partition of the large
-- bench world, so the packer leaves the whole array NULL instead. The views unnest a NULL array as a NULL
-- for every row of its segment (the other arrays set the row count), exactly as for the code arrays of formats
-- 1 and 2, so the format and the views stay as they are; only the NOT NULL of these columns goes.
DO $$
DECLARE
    v_archive text;
    v_column name;
BEGIN
    FOREACH v_archive IN ARRAY ARRAY['trade_entities_archive', 'transaction_entities_archive', 'history_entities_archive'] LOOP
        FOR v_column IN SELECT a.attname FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = format('%I.%I', current_schema(), v_archive)::regclass
                            AND a.attnum > 0 AND NOT a.attisdropped
                            AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute c
                                         WHERE c.attrelid = a.attrelid AND c.attname = a.attname || '__code' AND NOT c.attisdropped)
                          ORDER BY a.attnum LOOP
            EXECUTE format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', v_archive, v_column);
        END LOOP;
    END LOOP;
END
$$;
