CREATE OR REPLACE FUNCTION engine.index_staged_child(p_parent_schema text, p_parent_table text, p_lower bigint,
                                                    p_staged text)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    v_child text := engine.partition_child_name(p_parent_table, p_lower);
    v_index record;
    v_foreign_key record;
BEGIN
    -- Builds on a loaded table of create_staged_child the indexes of the parent, under the names ATTACH would give
    -- them on the child (<child>_pkey, <child>_<columns>_idx, as PostgreSQL chooses names), so that
    -- attach_staged_child finds and adopts them instead of building them then: several staged children can be
    -- indexed at once, each in its own transaction. An index on expressions is left for ATTACH to build. The
    -- parent's foreign keys are added too, under the parent's constraint names as ATTACH gives them: ATTACH then
    -- adopts them, already validated, instead of checking every row while the final transaction waits.
    FOR v_index IN
        SELECT i.indisprimary AS is_primary, pg_get_indexdef(i.indexrelid) AS definition,
               string_agg(a.attname, '_' ORDER BY k.n) AS name_columns,
               string_agg(format('%I', a.attname), ', ' ORDER BY k.n) AS key_columns
          FROM pg_catalog.pg_index i
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         WHERE i.indrelid = format('%I.%I', p_parent_schema, p_parent_table)::regclass
           AND NOT (0 = ANY (i.indkey::int2[]))
         GROUP BY i.indexrelid, i.indisprimary
    LOOP
        IF v_index.is_primary THEN
            EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I PRIMARY KEY (%s)',
                           p_parent_schema, p_staged, v_child || '_pkey', v_index.key_columns);
        ELSE
            EXECUTE regexp_replace(v_index.definition, '^(CREATE (UNIQUE )?INDEX) \S+ ON ONLY \S+ ',
                                   format('\1 %I ON %I.%I ', v_child || '_' || v_index.name_columns || '_idx',
                                          p_parent_schema, p_staged));
        END IF;
    END LOOP;
    FOR v_foreign_key IN
        SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition
          FROM pg_catalog.pg_constraint c
         WHERE c.conrelid = format('%I.%I', p_parent_schema, p_parent_table)::regclass AND c.contype = 'f'
         ORDER BY c.conname
    LOOP
        EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', p_parent_schema, p_staged, v_foreign_key.name,
                       v_foreign_key.definition);
    END LOOP;
END
$$;
