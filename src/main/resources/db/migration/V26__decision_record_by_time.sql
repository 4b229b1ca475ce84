-- The monthly IG report (issue 16) counts a month's decisions in one pass: without this index it read
-- the whole record for every figure, and a national month (2.4 million records) took over a minute.
-- recorded_at only grows, so each append adds at the index's end. See docs/ig-report.md.
CREATE INDEX decision_record_by_time ON decision_record (recorded_at);
