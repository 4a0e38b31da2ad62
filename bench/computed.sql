-- What a PostGraphile user adds to answer Q4 (the workstations each member receives service
-- for today): a computed column, a STABLE SQL function on `organisations` that PostGraphile
-- exposes as `Organisation.workstations`. bench/run applies it to the benchmark database after
-- loading the data; our server does not use it.
CREATE OR REPLACE FUNCTION organisations_workstations(o organisations) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT sum(c.workstations)::integer
    FROM coverages c
    WHERE c.organisation_id = o.id
      AND c.starts_on <= current_date
      AND (c.ends_on IS NULL OR c.ends_on >= current_date)
$$;
