CREATE OR REPLACE FUNCTION engine.create_child(p_parent_schema text, p_parent_table text, p_lower bigint, p_interval bigint)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
DECLARE
    v_child text := engine.partition_child_name(p_parent_table, p_lower);
BEGIN
    -- Creates the child [p_lower, p_lower + p_interval) the way pg_partman's create_partition_id does (LIKE the
    -- parent, then ATTACH), so a set made here is indistinguishable from one pg_partman made. False if it exists.
    IF p_lower % p_interval <> 0 THEN
        RAISE EXCEPTION 'lower bound % of %.% is not aligned to the interval %', p_lower, p_parent_schema, p_parent_table, p_interval;
    END IF;
    IF to_regclass(format('%I.%I', p_parent_schema, v_child)) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE '
                   'INCLUDING COMMENTS INCLUDING GENERATED INCLUDING INDEXES)',
                   p_parent_schema, v_child, p_parent_schema, p_parent_table);
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%s) TO (%s)',
                   p_parent_schema, p_parent_table, p_parent_schema, v_child, p_lower, p_lower + p_interval);
    RETURN true;
END
$$;
