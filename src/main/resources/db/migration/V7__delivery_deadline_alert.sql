-- When the admins were warned that a delivery not yet sent is close to its DueBy (once per delivery).
ALTER TABLE delivery ADD COLUMN at_risk_alerted_at TIMESTAMP WITH TIME ZONE;
