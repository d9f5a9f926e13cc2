-- Planner statistics for worlds generated before init analyzed its tables. The tick's trading step reads
-- everyone at every market with joins over whole tables; without statistics (autovacuum off, or not yet run)
-- the planner guesses a few rows and loops per row. The partitioned tables are analyzed through their parents.
DO $$
DECLARE
    v_table text;
BEGIN
    FOR v_table IN
        SELECT c.relname FROM pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND c.relname <> 'flyway_schema_history'
         ORDER BY c.relname
    LOOP
        EXECUTE format('ANALYZE %I.%I', current_schema(), v_table);
    END LOOP;
END $$;
