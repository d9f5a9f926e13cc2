CREATE OR REPLACE FUNCTION engine.create_default(p_parent_schema text, p_parent_table text) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    v_default text := p_parent_table || '_default';
BEGIN
    -- The default partition as pg_partman's create_parent makes it: LIKE the parent, then ATTACH ... DEFAULT.
    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE '
                   'INCLUDING COMMENTS INCLUDING GENERATED)',
                   p_parent_schema, v_default, p_parent_schema, p_parent_table);
    EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I DEFAULT',
                   p_parent_schema, p_parent_table, p_parent_schema, v_default);
END
$$;
