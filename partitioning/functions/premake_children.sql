CREATE OR REPLACE FUNCTION engine.premake_children(p_parent_schema text, p_parent_table text, p_interval bigint,
                                                   p_current bigint, p_premake int)
    RETURNS int
    LANGUAGE plpgsql
AS $$
DECLARE
    v_first bigint := p_current - p_current % p_interval;
    v_created int := 0;
BEGIN
    -- Makes the child holding p_current and the p_premake children after it, as pg_partman's premake does but
    -- following the world's clock rather than the newest row (pg_partman #116, #327). Gaps below p_current are
    -- left alone: they are archived ranges, not missing children.
    FOR i IN 0..p_premake LOOP
        IF engine.create_child(p_parent_schema, p_parent_table, v_first + i * p_interval, p_interval) THEN
            v_created := v_created + 1;
        END IF;
    END LOOP;
    RETURN v_created;
END
$$;
