-- Whether a delivery has been corrected or withdrawn (another delivery replaces it), looked up by the
-- escalation route before it escalates one (issue 15). See docs/acknowledgements.md.
CREATE INDEX delivery_by_replaces ON delivery (replaces_reference);
