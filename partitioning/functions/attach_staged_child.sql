CREATE OR REPLACE FUNCTION engine.attach_staged_child(p_parent_schema text, p_parent_table text, p_lower bigint,
                                                     p_interval bigint, p_staged text)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    v_child text := engine.partition_child_name(p_parent_table, p_lower);
BEGIN
    -- Makes a table of create_staged_child the child [p_lower, p_lower + p_interval): renamed to the child's name,
    -- attached (PostgreSQL adopts the indexes index_staged_child built and builds any missing in one pass; the
    -- range CHECK spares the scan), the CHECK dropped. The indexes ATTACH creates get the names create_child's
    -- LIKE ... INCLUDING INDEXES gives, so either way the set looks the same.
    IF p_staged <> v_child THEN
        EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', p_parent_schema, p_staged, v_child);
    END IF;
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%s) TO (%s)',
                   p_parent_schema, p_parent_table, p_parent_schema, v_child, p_lower, p_lower + p_interval);
    EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT %I', p_parent_schema, v_child, p_staged || '_range');
END
$$;
