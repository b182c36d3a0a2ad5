-- H2 has no partial indexes: the same version as db/migration/postgresql's, as a plain index.
CREATE INDEX deployments_wanted_running_idx ON deployments (desired_state);
