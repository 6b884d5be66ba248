-- 0003_rule_results: what each rule did in a judgement (items judged, findings,
-- undetermined, and the weight/penalty it was scored with), so that a run's score can
-- be recomputed from the store alone.
CREATE TABLE rule_results (
    site_run_id  INTEGER NOT NULL REFERENCES site_runs (id) ON DELETE CASCADE,
    rule         TEXT    NOT NULL,
    judged       INTEGER NOT NULL DEFAULT 0,
    findings     INTEGER NOT NULL DEFAULT 0,
    undetermined INTEGER NOT NULL DEFAULT 0,
    severity     TEXT    NOT NULL DEFAULT '',
    weight       REAL    NOT NULL DEFAULT 0,
    veto         INTEGER NOT NULL DEFAULT 0,
    penalty      TEXT    NOT NULL DEFAULT 'share',
    per_finding  REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (site_run_id, rule)
) WITHOUT ROWID;
