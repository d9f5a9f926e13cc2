CREATE OR REPLACE FUNCTION engine.create_child_from(p_parent_schema text, p_parent_table text, p_lower bigint,
                                                   p_interval bigint, p_source regclass, p_control text DEFAULT 'world_day')
    RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    v_child text := engine.partition_child_name(p_parent_table, p_lower);
    v_rows bigint;
BEGIN
    -- Creates the child [p_lower, p_lower + p_interval) already holding the rows of that range from p_source (a
    -- table or view with the parent's columns), and returns them. The child is loaded before it has indexes and
    -- attached afterwards, so PostgreSQL builds each index in one pass instead of row by row: the bulk path of
    -- partition_default_data.
    PERFORM engine.create_staged_child(p_parent_schema, p_parent_table, p_lower, p_interval, v_child, p_control);
    EXECUTE format('INSERT INTO %I.%I SELECT * FROM %s WHERE %I >= %s AND %I < %s',
                   p_parent_schema, v_child, p_source, p_control, p_lower, p_control, p_lower + p_interval);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    PERFORM engine.attach_staged_child(p_parent_schema, p_parent_table, p_lower, p_interval, v_child);
    RETURN v_rows;
END
$$;
