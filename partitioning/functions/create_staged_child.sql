CREATE OR REPLACE FUNCTION engine.create_staged_child(p_parent_schema text, p_parent_table text, p_lower bigint,
                                                     p_interval bigint, p_staged text, p_control text DEFAULT 'world_day')
    RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    -- Creates p_staged, an empty table shaped like the parent (no indexes yet) that is to become the child
    -- [p_lower, p_lower + p_interval) through attach_staged_child once loaded. Its CHECK on the range lets that
    -- ATTACH skip scanning the rows.
    IF p_lower % p_interval <> 0 THEN
        RAISE EXCEPTION 'lower bound % of %.% is not aligned to the interval %', p_lower, p_parent_schema, p_parent_table, p_interval;
    END IF;
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE '
                   'INCLUDING COMMENTS INCLUDING GENERATED, '
                   'CONSTRAINT %I CHECK (%I >= %s AND %I < %s))',
                   p_parent_schema, p_staged, p_parent_schema, p_parent_table, p_staged || '_range',
                   p_control, p_lower, p_control, p_lower + p_interval);
END
$$;
