CREATE OR REPLACE FUNCTION engine.unregister_from_partman(p_schema text) RETURNS int
    LANGUAGE plpgsql
AS $$
DECLARE
    v_partman text := engine.partman_schema();
    v_set record;
    v_removed int := 0;
BEGIN
    -- Forgets the sets of a schema about to be dropped, so that pg_partman's run_maintenance() does not fail on
    -- parents that no longer exist; returns how many. Its template tables (one per set) go with them.
    IF v_partman IS NULL THEN
        RETURN 0;
    END IF;
    FOR v_set IN EXECUTE format('SELECT parent_table, template_table FROM %I.part_config WHERE split_part(parent_table, ''.'', 1) = %L',
                                v_partman, p_schema) LOOP
        EXECUTE format('DELETE FROM %I.part_config WHERE parent_table = %L', v_partman, v_set.parent_table);
        IF v_set.template_table IS NOT NULL THEN
            EXECUTE format('DROP TABLE IF EXISTS %I.%I', split_part(v_set.template_table, '.', 1),
                           split_part(v_set.template_table, '.', 2));
        END IF;
        v_removed := v_removed + 1;
    END LOOP;
    RETURN v_removed;
END
$$;
