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
    v_rows bigint := 0;
    v_moved bigint;
BEGIN
    -- Moves every row of the default partition into its proper child, creating the children it needs; returns
    -- the rows moved. Adding a child scans the whole default partition (PostgreSQL checks that no default row
    -- belongs to it), so the default is swapped out first: detached, its rows loaded into new children
    -- (create_child_from) or, where the child exists, routed through the parent, then replaced by an empty one.
    -- One transaction: all or nothing (pg_partman's partition_data_id moves rows the same way, batch by batch).
    EXECUTE format('SELECT array_agg(DISTINCT %I - %I %% %s ORDER BY %I - %I %% %s) FROM %I.%I',
                   p_control, p_control, p_interval, p_control, p_control, p_interval, p_parent_schema, v_default)
        INTO v_lowers;
    IF v_lowers IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('ALTER TABLE %I.%I DETACH PARTITION %I.%I', p_parent_schema, p_parent_table, p_parent_schema, v_default);
    EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', p_parent_schema, v_default, v_moving);
    IF array_length(v_lowers, 1) > 1 THEN
        -- One pass per child reads only its range.
        EXECUTE format('CREATE INDEX ON %I.%I (%I)', p_parent_schema, v_moving, p_control);
    END IF;
    FOREACH v_lower IN ARRAY v_lowers LOOP
        IF to_regclass(format('%I.%I', p_parent_schema, engine.partition_child_name(p_parent_table, v_lower))) IS NULL THEN
            v_rows := v_rows + engine.create_child_from(p_parent_schema, p_parent_table, v_lower, p_interval,
                                                        format('%I.%I', p_parent_schema, v_moving)::regclass, p_control);
        ELSE
            EXECUTE format('INSERT INTO %I.%I SELECT * FROM %I.%I WHERE %I >= %s AND %I < %s',
                           p_parent_schema, p_parent_table, p_parent_schema, v_moving, p_control, v_lower,
                           p_control, v_lower + p_interval);
            GET DIAGNOSTICS v_moved = ROW_COUNT;
            v_rows := v_rows + v_moved;
        END IF;
    END LOOP;
    EXECUTE format('DROP TABLE %I.%I', p_parent_schema, v_moving);
    -- Made last, once the old default and its index names are gone, so that it gets the same names.
    PERFORM engine.create_default(p_parent_schema, p_parent_table);
    RETURN v_rows;
END
$$;
