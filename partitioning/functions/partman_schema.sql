CREATE OR REPLACE FUNCTION engine.partman_schema() RETURNS text
    LANGUAGE sql STABLE
AS $$
    -- Schema of the pg_partman extension if it is installed in this database, else NULL.
    SELECT n.nspname::text
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_partman'
$$;
