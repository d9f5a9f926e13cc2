-- Factions hold money like characters do, in resources.gold (docs/rules.md, "Money"). Worlds generated before
-- this migration minted opening balances to their factions and paid them taxes without keeping a balance: the
-- balance is the sum of the faction's transactions, so the ledger and the holdings agree from here on.
UPDATE faction_entities f
   SET resources = coalesce(f.resources, '{}'::jsonb) || jsonb_build_object('gold', coalesce(
           (SELECT sum(CASE WHEN t.to_entity = f.id THEN t.amount ELSE -t.amount END)
              FROM transaction_entities t
             WHERE t.to_entity = f.id OR t.from_entity = f.id), 0))
 WHERE (f.resources IS NULL OR jsonb_typeof(f.resources) = 'object')
   AND NOT jsonb_exists(coalesce(f.resources, '{}'::jsonb), 'gold');
