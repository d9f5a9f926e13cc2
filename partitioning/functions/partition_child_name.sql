CREATE OR REPLACE FUNCTION engine.partition_child_name(p_parent_table text, p_lower bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    -- pg_partman's name for the child of an integer set: <parent>_p<lower bound> (4.x and 5.x alike).
    IF length(p_parent_table || '_p' || p_lower) > 63 THEN
        RAISE EXCEPTION 'child name of % for % is longer than 63 characters', p_parent_table, p_lower;
    END IF;
    RETURN p_parent_table || '_p' || p_lower;
END
$$;
