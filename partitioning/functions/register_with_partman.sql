CREATE OR REPLACE FUNCTION engine.register_with_partman(p_parent_schema text, p_parent_table text, p_interval bigint,
                                                        p_premake int, p_control text DEFAULT 'world_day')
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
DECLARE
    v_partman text := engine.partman_schema();
    v_version text;
    v_parent text := format('%s.%s', p_parent_schema, p_parent_table);
    v_start bigint;
    v_registered boolean;
BEGIN
    -- Hands an existing set to pg_partman through create_parent; false if the extension is absent, true if the
    -- set is (now) registered. create_parent refuses to run while <parent>_default exists and it still has
    -- children to make (4.7 and 5.1), so it is started at the lowest child, whose premade range the caller has
    -- already made: it then finds every child present and only records the configuration. Its arguments changed
    -- order between 4.x and 5.x, hence named arguments.
    IF v_partman IS NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.part_config WHERE parent_table = %L)', v_partman, v_parent)
        INTO v_registered;
    IF v_registered THEN
        RETURN true;
    END IF;
    SELECT min(substring(c.relname FROM length(p_parent_table) + 3)::bigint)
      INTO v_start
      FROM pg_catalog.pg_inherits i
      JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = format('%I.%I', p_parent_schema, p_parent_table)::regclass
       AND c.relname ~ ('^' || p_parent_table || '_p[0-9]+$');
    IF v_start IS NULL THEN
        RAISE EXCEPTION '%.% has no children yet: make them before registering with pg_partman', p_parent_schema, p_parent_table;
    END IF;
    FOR i IN 0..p_premake LOOP
        PERFORM engine.create_child(p_parent_schema, p_parent_table, v_start + i * p_interval, p_interval);
    END LOOP;
    SELECT extversion INTO v_version FROM pg_catalog.pg_extension WHERE extname = 'pg_partman';
    IF split_part(v_version, '.', 1)::int >= 5 THEN
        EXECUTE format('SELECT %I.create_parent(p_parent_table := %L, p_control := %L, p_interval := %L, '
                       'p_type := %L, p_premake := %s, p_start_partition := %L, p_jobmon := false)',
                       v_partman, v_parent, p_control, p_interval::text, 'range', p_premake, v_start::text);
    ELSE
        EXECUTE format('SELECT %I.create_parent(p_parent_table := %L, p_control := %L, p_type := %L, '
                       'p_interval := %L, p_premake := %s, p_start_partition := %L, p_jobmon := false)',
                       v_partman, v_parent, p_control, 'native', p_interval::text, p_premake, v_start::text);
    END IF;
    RETURN true;
END
$$;
