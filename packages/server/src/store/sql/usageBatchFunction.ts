// `entitle_record_usage_batch(items json)`: several usage reports in one statement, one transaction
// and one commit (group commit). Each item is the argument list of `entitle_record_usage`
// (usageFunction.ts), applied in order by that very function: the rules exist once. It answers one
// row per item, with the item's index. The store sends the items sorted by customer, so batches of
// any number of processes take customers' row locks in one order and never deadlock one another.
// The plan (item 10) arrives as the JSON text the single form takes, so a replay renders its bytes.
export const RECORD_USAGE_BATCH_FUNCTION = `
CREATE OR REPLACE FUNCTION entitle_record_usage_batch(p_items json)
RETURNS TABLE (
  r_index integer,
  r_outcome text,
  r_code text,
  r_used bigint,
  r_version bigint,
  r_revision bigint,
  r_fingerprint text,
  r_plan json
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_item json;
  v_index integer := 0;
BEGIN
  FOR v_item IN SELECT value FROM json_array_elements(p_items) LOOP
    RETURN QUERY SELECT v_index, u.* FROM entitle_record_usage(
      v_item->>0, (v_item->>1)::bigint, v_item->>2, (v_item->>3)::bigint, v_item->>4,
      (v_item->>5)::bigint, (v_item->>6)::numeric, (v_item->>7)::boolean, v_item->>8, v_item->>9,
      (v_item->>10)::json, (v_item->>11)::bigint, (v_item->>12)::bigint, (v_item->>13)::bigint) u;
    v_index := v_index + 1;
  END LOOP;
END
$fn$;
`
