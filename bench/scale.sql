-- Multiplies the demo's record for the benchmark at ten times the data (PostgreSQL only):
-- every round is copied :copies times, closed, with its inspections and their findings and
-- recommendations. Copies take ids from 1,000,000 × k up, and the sequences move past them.
DO $$
DECLARE
  k int;
  o bigint;
BEGIN
  FOR k IN 1..:copies LOOP
    o := k * 1000000;
    INSERT INTO rounds
      SELECT (jsonb_populate_record(NULL::rounds, to_jsonb(r)
        || jsonb_build_object('id', r.id + o, 'name', r.name || '（副本' || k || '）', 'status', 'CLOSED'))).*
      FROM rounds r WHERE r.id < 1000000;
    INSERT INTO inspections
      SELECT (jsonb_populate_record(NULL::inspections, to_jsonb(i)
        || jsonb_build_object('id', i.id + o, 'round_id', i.round_id + o, 'status', 'CLOSED',
                              'follows_inspection_id', i.follows_inspection_id + o,
                              'parent_inspection_id', i.parent_inspection_id + o))).*
      FROM inspections i WHERE i.id < 1000000;
    INSERT INTO findings
      SELECT (jsonb_populate_record(NULL::findings, to_jsonb(f)
        || jsonb_build_object('id', f.id + o, 'inspection_id', f.inspection_id + o, 'petition_id', NULL))).*
      FROM findings f WHERE f.id < 1000000;
    INSERT INTO recommendations
      SELECT (jsonb_populate_record(NULL::recommendations, to_jsonb(r)
        || jsonb_build_object('id', r.id + o, 'inspection_id', r.inspection_id + o))).*
      FROM recommendations r WHERE r.id < 1000000;
  END LOOP;
  PERFORM setval(pg_get_serial_sequence('rounds', 'id'), (SELECT max(id) FROM rounds));
  PERFORM setval(pg_get_serial_sequence('inspections', 'id'), (SELECT max(id) FROM inspections));
  PERFORM setval(pg_get_serial_sequence('findings', 'id'), (SELECT max(id) FROM findings));
  PERFORM setval(pg_get_serial_sequence('recommendations', 'id'), (SELECT max(id) FROM recommendations));
END $$;
