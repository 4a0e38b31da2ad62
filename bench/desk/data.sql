-- The deadline desk's benchmark data: 200 organisations and 100,000 contracts with terms,
-- one organisation a party to each. Derived from the row number, so every run builds the
-- same rows. The terms are spread so that on any day of 2026 and 2027 thousands of notice
-- deadlines and ends lie within 90 days, some contracts have had notice given, some were
-- ended by agreement, some are signed for later and some are drafts.

\set ON_ERROR_STOP on
BEGIN;

INSERT INTO organisations (id, created_at, updated_at, version, name, short_name, kind,
                           official_key, parent_id, source_id)
SELECT o,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       'Partner ' || lpad(o::text, 3, '0'),
       NULL,
       (ARRAY['GEMEINDE', 'AMTSFREIE_STADT', 'AMT', 'LANDKREIS'])[1 + o % 4],
       NULL,
       NULL,
       NULL
FROM generate_series(1, 200) AS o;

INSERT INTO contracts (id, created_at, updated_at, version, number, title, kind, signed_on,
                       effective_from, initial_term_months, initial_term_until, renewal,
                       renewal_months, notice_months, notice_to, notice_given_on, ended_on,
                       source_id)
SELECT c,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       'F-' || lpad(c::text, 6, '0'),
       'Fristvertrag ' || lpad(c::text, 6, '0'),
       (ARRAY['SERVICE_AGREEMENT', 'DATA_PROCESSING_AGREEMENT', 'LICENCE'])[1 + c % 3],
       CASE WHEN c % 50 = 0 THEN NULL ELSE date '2020-12-01' + (c % 2200) END,
       date '2021-01-01' + (c % 2200),
       12 * (1 + c % 4),
       NULL,
       CASE WHEN c % 10 < 7 THEN 'TACIT' ELSE 'NONE' END,
       CASE WHEN c % 10 < 7 THEN 12 ELSE NULL END,
       1 + c % 6,
       (ARRAY['END_OF_TERM', 'END_OF_QUARTER', 'END_OF_MONTH'])[1 + c % 3],
       CASE WHEN c % 13 = 0 THEN date '2021-06-01' + (c % 1900) ELSE NULL END,
       CASE WHEN c % 29 = 0 THEN date '2022-01-01' + (c % 1900) ELSE NULL END,
       NULL
FROM generate_series(1, 100000) AS c;

INSERT INTO contract_parties (id, created_at, updated_at, version, contract_id,
                              organisation_id, role)
SELECT c,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       c,
       c % 200 + 1,
       'MEMBER'
FROM generate_series(1, 100000) AS c;

SELECT setval(pg_get_serial_sequence('organisations', 'id'), 200);
SELECT setval(pg_get_serial_sequence('contracts', 'id'), 100000);
SELECT setval(pg_get_serial_sequence('contract_parties', 'id'), 100000);

COMMIT;
