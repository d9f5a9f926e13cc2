CREATE OR REPLACE FUNCTION engine.partition_default_data(p_parent_schema text, p_parent_table text, p_interval bigint,
                                                         p_control text DEFAULT 'world_day')
    RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    v_default text := p_parent_table || '_default';
    v_moving text := p_parent_table || '_default_moving';
    v_lowers bigint[];
    v_lower bigint;
    v_rows bigint;
BEGIN
    -- Moves every row of the default partition into its proper child, creating the children it needs; returns
    -- the rows moved. Adding a child scans the whole default partition (PostgreSQL checks that no default row
    -- belongs to it), so with many rows the default is swapped out first: detached, replaced by an empty one,
    -- the children made, and its rows routed back through the parent. One transaction: all or nothing.
    EXECUTE format('SELECT array_agg(DISTINCT %I - %I %% %s ORDER BY %I - %I %% %s) FROM %I.%I',
                   p_control, p_control, p_interval, p_control, p_control, p_interval, p_parent_schema, v_default)
        INTO v_lowers;
    IF v_lowers IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('ALTER TABLE %I.%I DETACH PARTITION %I.%I', p_parent_schema, p_parent_table, p_parent_schema, v_default);
    EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', p_parent_schema, v_default, v_moving);
    PERFORM engine.create_default(p_parent_schema, p_parent_table);
    FOREACH v_lower IN ARRAY v_lowers LOOP
        PERFORM engine.create_child(p_parent_schema, p_parent_table, v_lower, p_interval);
    END LOOP;
    EXECUTE format('INSERT INTO %I.%I SELECT * FROM %I.%I', p_parent_schema, p_parent_table, p_parent_schema, v_moving);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    EXECUTE format('DROP TABLE %I.%I', p_parent_schema, v_moving);
    RETURN v_rows;
END
$$;
