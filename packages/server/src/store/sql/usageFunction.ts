// `entitle_record_usage(…)`: a usage report applied in one statement, under the customer's row
// lock, so a hard limit holds and a key counts once across every process on the database. It does
// not NOTIFY: a NOTIFY in a transaction serializes every notifying commit in the whole database (its
// queue lock is held through commit), which would cap writes at one disk flush at a time. The store
// announces usage writes after commit instead, batched (sqlStore.ts). It is
// the SQL form of the engine's `applyUsage` (@entitle/core/engine, usage.ts): the server plans the
// report with the engine and passes the plan in; this only applies it. The store contract suite
// (test/storeContract.ts) holds it and the memory store to the same answers.
export const RECORD_USAGE_FUNCTION = `
CREATE OR REPLACE FUNCTION entitle_record_usage(
  p_customer text,
  p_revision bigint,
  p_feature text,
  p_amount bigint,
  p_period text,
  p_period_start bigint,
  p_ceiling numeric,
  p_entitled boolean,
  p_key text,
  p_fingerprint text,
  p_plan json,
  p_now bigint,
  p_key_expired_before bigint,
  p_valid_until bigint
) RETURNS TABLE (
  r_outcome text,
  r_code text,
  r_used bigint,
  r_version bigint,
  r_revision bigint,
  r_fingerprint text,
  r_plan json
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_revision bigint;
  v_version bigint;
  v_current bigint := 0;
  v_new bigint;
  v_outcome text;
  v_code text;
  v_usage entitle_usage%ROWTYPE;
  v_found boolean;
  v_key entitle_idempotency_keys%ROWTYPE;
BEGIN
  -- Every write of one customer queues here: the limit, the key and the version are decided alone.
  SELECT c.revision, c.version INTO v_revision, v_version
    FROM entitle_customers c WHERE c.id = p_customer FOR UPDATE;
  IF NOT FOUND OR v_revision <> p_revision THEN
    RETURN QUERY SELECT 'stale'::text, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::json;
    RETURN;
  END IF;
  IF p_key IS NOT NULL THEN
    SELECT * INTO v_key FROM entitle_idempotency_keys k WHERE k.customer_id = p_customer AND k.key = p_key;
    IF FOUND AND v_key.created_at >= p_key_expired_before THEN
      RETURN QUERY SELECT 'replay'::text, v_key.code, v_key.used, v_key.version, v_revision, v_key.fingerprint, v_key.plan;
      RETURN;
    END IF;
  END IF;
  -- usedInPeriod: a record of another period (or meter shape) counts as 0.
  SELECT * INTO v_usage FROM entitle_usage u WHERE u.customer_id = p_customer AND u.feature = p_feature;
  v_found := FOUND;
  IF v_found AND v_usage.period IS NOT DISTINCT FROM p_period AND v_usage.period_start IS NOT DISTINCT FROM p_period_start THEN
    v_current := v_usage.used;
  END IF;
  -- applyUsage: not entitled, or past the hard ceiling, is refused; usage never goes below 0.
  IF NOT p_entitled THEN
    v_outcome := 'refused'; v_code := 'not_entitled'; v_new := v_current;
  ELSIF p_amount > 0 AND p_ceiling IS NOT NULL AND v_current + p_amount > p_ceiling THEN
    v_outcome := 'refused'; v_code := 'limit_exceeded'; v_new := v_current;
  ELSE
    v_outcome := 'applied'; v_new := GREATEST(0, v_current + p_amount);
    -- The row is ours under the customer's lock: update it if it is there, else create it.
    IF v_found THEN
      UPDATE entitle_usage SET used = v_new, period = p_period, period_start = p_period_start
        WHERE customer_id = p_customer AND feature = p_feature;
    ELSE
      INSERT INTO entitle_usage (customer_id, feature, used, period, period_start)
        VALUES (p_customer, p_feature, v_new, p_period, p_period_start);
    END IF;
    UPDATE entitle_customers c
      SET version = c.version + 1, version_at = GREATEST(c.version_at, p_now), valid_until = p_valid_until
      WHERE c.id = p_customer
      RETURNING c.version INTO v_version;
  END IF;
  IF p_key IS NOT NULL THEN
    INSERT INTO entitle_idempotency_keys (customer_id, key, fingerprint, plan, code, used, version, created_at)
      VALUES (p_customer, p_key, p_fingerprint, p_plan, v_code, v_new, v_version, p_now)
      ON CONFLICT (customer_id, key) DO UPDATE SET
        fingerprint = EXCLUDED.fingerprint, plan = EXCLUDED.plan, code = EXCLUDED.code,
        used = EXCLUDED.used, version = EXCLUDED.version, created_at = EXCLUDED.created_at;
  END IF;
  RETURN QUERY SELECT v_outcome, v_code, v_new, v_version, v_revision, NULL::text, NULL::json;
END
$fn$;
`
