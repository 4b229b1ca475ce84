-- The incident's RiskLevel on an agency's notification or correction (HIGH, MEDIUM or STANDARD), as
-- the policy planned it, so that the monthly information-governance report (issue 16) can count
-- agency copies and their acknowledgement by risk level without opening a stored body. No personal
-- data. Rows written before this column have none and are reported as "not recorded".
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL. See docs/ig-report.md.
ALTER TABLE delivery ADD COLUMN risk_level VARCHAR(10);
