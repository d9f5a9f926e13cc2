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
    -- partition_default_data and of the archive's restore. The indexes ATTACH creates get the names create_child's LIKE ... INCLUDING
    -- INDEXES gives, so either way the set looks the same.
    IF p_lower % p_interval <> 0 THEN
        RAISE EXCEPTION 'lower bound % of %.% is not aligned to the interval %', p_lower, p_parent_schema, p_parent_table, p_interval;
    END IF;
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE '
                   'INCLUDING COMMENTS INCLUDING GENERATED)',
                   p_parent_schema, v_child, p_parent_schema, p_parent_table);
    EXECUTE format('INSERT INTO %I.%I SELECT * FROM %s WHERE %I >= %s AND %I < %s',
                   p_parent_schema, v_child, p_source, p_control, p_lower, p_control, p_lower + p_interval);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%s) TO (%s)',
                   p_parent_schema, p_parent_table, p_parent_schema, v_child, p_lower, p_lower + p_interval);
    RETURN v_rows;
END
$$;
