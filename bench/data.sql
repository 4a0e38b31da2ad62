-- The benchmark's data set, generated in SQL: 1,000 member organisations (each with one
-- membership), 10,000 contracts with 2 parties each, 200 services and 100,000 coverages.
-- Everything is derived from the row number, so every run builds the same rows.
--
-- Shapes chosen so that both servers can be asked for the same thing in the same order:
-- organisation names sort like their ids, a contract's effective_from grows with its id,
-- a contract's coverages start later as their id grows, and every membership and coverage
-- runs today (no end date), so "members today" is "all organisations".

\set ON_ERROR_STOP on
BEGIN;

INSERT INTO organisations (id, created_at, updated_at, version, name, short_name, kind,
                           official_key, parent_id, source_id)
SELECT o,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       'Mitglied ' || lpad(o::text, 4, '0') || ' ('
           || (ARRAY['Gemeinde', 'Stadt', 'Amt', 'Landkreis'])[1 + o % 4] || ')',
       NULL,
       (ARRAY['GEMEINDE', 'AMTSFREIE_STADT', 'AMT', 'LANDKREIS'])[1 + o % 4],
       NULL,
       NULL,
       NULL
FROM generate_series(1, 1000) AS o;

INSERT INTO contracts (id, created_at, updated_at, version, number, title, kind, signed_on,
                       effective_from, initial_term_months, initial_term_until, renewal,
                       renewal_months, notice_months, notice_to, notice_given_on, ended_on,
                       source_id)
SELECT c,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       'V-' || lpad(c::text, 5, '0'),
       CASE WHEN c <= 1000 THEN 'Beitrittsvertrag ' ELSE 'Dienstleistungsvertrag ' END
           || lpad(c::text, 5, '0'),
       CASE WHEN c <= 1000 THEN 'PUBLIC_LAW_CONTRACT' ELSE 'SERVICE_AGREEMENT' END,
       date '1999-12-01' + (c / 2),
       date '2000-01-01' + (c / 2),
       NULL,
       NULL,
       'NONE',
       NULL,
       NULL,
       NULL,
       NULL,
       NULL,
       NULL
FROM generate_series(1, 10000) AS c;

-- Two distinct parties per contract: organisation (c-1) mod 1000 + 1 and one 1..10 further on.
-- Inserted in contract order, so a party row's id grows with its contract's id.
INSERT INTO contract_parties (id, created_at, updated_at, version, contract_id,
                              organisation_id, role)
SELECT row_number() OVER (ORDER BY c, p),
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       c,
       CASE WHEN p = 1 THEN (c - 1) % 1000 + 1
            ELSE ((c - 1) + 1 + (c - 1) / 1000) % 1000 + 1 END,
       CASE WHEN p = 1 THEN 'MEMBER' ELSE 'PARTNER' END
FROM generate_series(1, 10000) AS c, generate_series(1, 2) AS p;

INSERT INTO memberships (id, created_at, updated_at, version, organisation_id, joined_on,
                         left_on, founding, contract_id, capital_share_cents, seats,
                         council_decision_on, contract_signed_on, legal_effect_on,
                         it_takeover_on, source_id)
SELECT o,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       o,
       date '2000-01-01' + (o / 2),
       NULL,
       o <= 2,
       o,
       100000 * (1 + o % 10),
       1 + o % 3,
       NULL, NULL, NULL, NULL, NULL
FROM generate_series(1, 1000) AS o;

INSERT INTO services (id, created_at, updated_at, version, code, name, category, vendor,
                      description, source_id)
SELECT s,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       'SVC-' || lpad(s::text, 3, '0'),
       'Leistung ' || lpad(s::text, 3, '0'),
       (ARRAY['CORE_ADMINISTRATION', 'WORKSTATION_SUPPORT', 'HOSTING', 'NETWORK',
              'SPECIALIST_APPLICATION', 'PROCUREMENT', 'SCHOOL_IT', 'OTHER'])[1 + s % 8],
       CASE WHEN s % 8 = 4 THEN 'Hersteller ' || (s % 17) END,
       NULL,
       NULL
FROM generate_series(1, 200) AS s;

-- Coverage i belongs to contract (i-1) mod 10000 + 1 (ten per contract, round k = (i-1)/10000)
-- and goes to one of that contract's two parties (alternating by round), so every
-- organisation receives about 100 services. All of them run today.
INSERT INTO coverages (id, created_at, updated_at, version, contract_id, service_id,
                       organisation_id, starts_on, ends_on, workstations, users, source_id)
SELECT i,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00',
       1,
       c,
       ((i - 1) * 7) % 200 + 1,
       CASE WHEN k % 2 = 0 THEN (c - 1) % 1000 + 1
            ELSE ((c - 1) + 1 + (c - 1) / 1000) % 1000 + 1 END,
       date '2005-01-01' + k * 100 + (c % 50),
       NULL,
       (i * 37) % 50 + 1,
       (i * 13) % 90 + 5,
       NULL
FROM (SELECT i, (i - 1) % 10000 + 1 AS c, (i - 1) / 10000 AS k
      FROM generate_series(1, 100000) AS i) AS g;

SELECT setval(pg_get_serial_sequence('organisations', 'id'), 1000);
SELECT setval(pg_get_serial_sequence('contracts', 'id'), 10000);
SELECT setval(pg_get_serial_sequence('contract_parties', 'id'), 20000);
SELECT setval(pg_get_serial_sequence('memberships', 'id'), 1000);
SELECT setval(pg_get_serial_sequence('services', 'id'), 200);
SELECT setval(pg_get_serial_sequence('coverages', 'id'), 100000);

COMMIT;
VACUUM ANALYZE;
