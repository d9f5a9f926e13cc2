CREATE OR REPLACE FUNCTION engine.run_partition_maintenance(p_parent_schema text, p_parent_table text, p_interval bigint,
                                                            p_current bigint, p_premake int, p_use_partman boolean,
                                                            OUT rows_moved bigint, OUT children_created int,
                                                            OUT managed_by text)
    LANGUAGE plpgsql
AS $$
DECLARE
    v_partman text := engine.partman_schema();
    v_registered boolean := false;
BEGIN
    -- One maintenance pass over one set, in one transaction: rows out of the default, children premade ahead of
    -- p_current, and (where pg_partman is installed and wanted) the set registered and pg_partman's own
    -- maintenance run on it. pg_partman's maintenance holds the same advisory key, so the two never overlap;
    -- the lock waits at most the caller's lock_timeout.
    PERFORM pg_advisory_xact_lock(hashtext('pg_partman run_maintenance'));
    rows_moved := engine.partition_default_data(p_parent_schema, p_parent_table, p_interval);
    children_created := engine.premake_children(p_parent_schema, p_parent_table, p_interval, p_current, p_premake);
    IF v_partman IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.part_config WHERE parent_table = %L)',
                       v_partman, format('%s.%s', p_parent_schema, p_parent_table))
            INTO v_registered;
        IF NOT v_registered AND p_use_partman THEN
            v_registered := engine.register_with_partman(p_parent_schema, p_parent_table, p_interval, p_premake);
        END IF;
    END IF;
    IF v_registered THEN
        EXECUTE format('SELECT %I.run_maintenance(p_parent_table := %L, p_jobmon := false)',
                       v_partman, format('%s.%s', p_parent_schema, p_parent_table));
        managed_by := 'pg_partman';
    ELSE
        managed_by := 'world-engine';
    END IF;
END
$$;
