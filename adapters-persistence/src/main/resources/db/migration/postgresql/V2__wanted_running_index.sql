-- The reconciler's question, "which deployments should run?", reads only these rows.
-- PostgreSQL only (a partial index); db/migration/h2 has the same version as a plain index.
CREATE INDEX deployments_wanted_running_idx ON deployments (desired_state) WHERE desired_state = 'RUNNING';
