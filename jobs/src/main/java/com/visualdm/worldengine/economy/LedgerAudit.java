package com.visualdm.worldengine.economy;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.world.WorldName;

/**
 * Checks a world's ledger (docs/rules.md, "Money"): each holder's money against the sum of its transactions, that
 * only mints and burns lack a payer or payee, every trade with its transactions, every stack bought in a trade
 * with its buyer, and no negative balances or quantities. Read-only.
 */
@Component
public class LedgerAudit {

    /** How many rows break one rule, with a few of them as examples. */
    public record Finding(String check, long count, List<String> examples) {
        public boolean ok() {
            return count == 0;
        }
    }

    private static final int EXAMPLES = 5;

    private final JdbcClient jdbc;

    public LedgerAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Finding> audit(WorldName world) {
        String transactions = world.qualified("transaction_entities");
        String trades = world.qualified("trade_entities");
        String holdings = """
                (SELECT id, 'character' AS kind, resources->'gold' AS gold FROM %s
                 UNION ALL SELECT id, 'faction', resources->'gold' FROM %s)""".formatted(
                world.qualified("character_entities"), world.qualified("faction_entities"));
        List<Finding> findings = new ArrayList<>();
        findings.add(check("holdings equal the sum of their transactions", """
                WITH ledger AS (
                    SELECT entity, sum(amount) AS net
                      FROM (SELECT to_entity AS entity, amount FROM %1$s WHERE to_entity IS NOT NULL
                            UNION ALL SELECT from_entity, -amount FROM %1$s WHERE from_entity IS NOT NULL) t
                     GROUP BY entity)
                SELECT coalesce(h.kind, 'unknown holder') || ' ' || coalesce(h.id, l.entity) || ': holds '
                       || coalesce(h.gold::text, 'nothing') || ', transactions say ' || coalesce(l.net, 0)
                  FROM %2$s h FULL JOIN ledger l ON l.entity = h.id
                 WHERE CASE WHEN jsonb_typeof(h.gold) = 'number' THEN (h.gold #>> '{}')::numeric
                            WHEN h.gold IS NULL THEN 0 END IS DISTINCT FROM coalesce(l.net, 0)
                 ORDER BY 1""".formatted(transactions, holdings)));
        findings.add(check("only mints lack a payer and only burns a payee; amounts not negative", """
                SELECT transaction_type || ' ' || id || ' on day ' || world_day || ': from ' || coalesce(from_entity::text, 'nobody')
                       || ' to ' || coalesce(to_entity::text, 'nobody') || ', ' || amount
                  FROM %s
                 WHERE (from_entity IS NULL) <> (transaction_type IS NOT DISTINCT FROM 'mint')
                    OR (to_entity IS NULL) <> (transaction_type IS NOT DISTINCT FROM 'burn')
                    OR amount < 0
                 ORDER BY 1""".formatted(transactions)));
        findings.add(check("every trade has its payment (purchase or sale) and tax transactions", """
                WITH linked AS (
                    SELECT properties->>'trade_id' AS trade,
                           sum(amount) FILTER (WHERE transaction_type <> 'tax') AS paid,
                           count(*) FILTER (WHERE transaction_type <> 'tax') AS payments,
                           min(transaction_type) FILTER (WHERE transaction_type <> 'tax') AS kind,
                           coalesce(sum(amount) FILTER (WHERE transaction_type = 'tax'), 0) AS tax
                      FROM %1$s WHERE jsonb_exists(properties, 'trade_id') GROUP BY 1)
                SELECT t.trade_type || ' ' || t.id || ' on day ' || t.world_day || ': value ' || t.trade_value || ' tax ' || t.tax_paid
                       || ', transactions ' || coalesce(l.payments, 0) || ' ' || coalesce(l.kind, 'payment') || '(s) of '
                       || coalesce(l.paid, 0) || ' and tax ' || coalesce(l.tax, 0)
                  FROM %2$s t LEFT JOIN linked l ON l.trade = t.id::text
                 WHERE l.trade IS NULL OR l.payments <> 1 OR l.kind IS DISTINCT FROM t.trade_type OR l.paid <> t.trade_value
                    OR l.tax <> coalesce(t.tax_paid, 0)
                 ORDER BY 1""".formatted(transactions, trades)));
        findings.add(check("every transaction of a trade belongs to a trade", """
                SELECT x.transaction_type || ' ' || x.id || ' names trade ' || (x.properties->>'trade_id')
                  FROM %1$s x
                 WHERE jsonb_exists(x.properties, 'trade_id')
                   AND NOT EXISTS (SELECT 1 FROM %2$s t WHERE t.id::text = x.properties->>'trade_id')
                 ORDER BY 1""".formatted(transactions, trades)));
        findings.add(check("every stack bought in a trade belongs to its last buyer", """
                SELECT DISTINCT ON (bought.instance) 'stack ' || bought.instance || ': owned by '
                       || coalesce(i.owner_id::text, 'nobody') || ', last bought by ' || bought.buyer
                  FROM (SELECT DISTINCT ON (e->>'instance_id') e->>'instance_id' AS instance, t.buyer_id::text AS buyer
                          FROM %1$s t, jsonb_array_elements(CASE WHEN jsonb_typeof(t.items_traded) = 'array'
                                                                 THEN t.items_traded ELSE '[]'::jsonb END) e
                         WHERE jsonb_exists(e, 'instance_id')
                         ORDER BY e->>'instance_id', t.world_day DESC, t.trade_date->>'hour' DESC,
                                  t.trade_date->>'minute' DESC, t.id DESC) bought
                  LEFT JOIN %2$s i ON i.id::text = bought.instance
                 WHERE i.owner_id IS NULL OR i.owner_id::text <> bought.buyer
                 ORDER BY bought.instance""".formatted(trades, world.qualified("item_instance_entities"))));
        findings.add(check("no negative balances", """
                SELECT kind || ' ' || id || ' holds ' || (gold #>> '{}') FROM %s h
                 WHERE jsonb_typeof(gold) = 'number' AND (gold #>> '{}')::numeric < 0 ORDER BY 1""".formatted(holdings)));
        findings.add(check("no negative quantities", """
                SELECT 'stack ' || id || ' holds ' || quantity FROM %s WHERE quantity < 0 ORDER BY 1"""
                .formatted(world.qualified("item_instance_entities"))));
        return findings;
    }

    /** Money in the world: minted minus burned (what holders should hold in all) and what they hold. */
    public String totals(WorldName world) {
        return jdbc.sql("""
                        SELECT 'minted ' || coalesce(sum(amount) FILTER (WHERE transaction_type = 'mint'), 0)
                               || ', burned ' || coalesce(sum(amount) FILTER (WHERE transaction_type = 'burn'), 0)
                               || ', held ' || (SELECT coalesce(sum((resources->>'gold')::numeric), 0) FROM %2$s
                                                 WHERE jsonb_typeof(resources->'gold') = 'number')
                                             + (SELECT coalesce(sum((resources->>'gold')::numeric), 0) FROM %3$s
                                                 WHERE jsonb_typeof(resources->'gold') = 'number')
                          FROM %1$s
                        """.formatted(world.qualified("transaction_entities"), world.qualified("character_entities"),
                        world.qualified("faction_entities")))
                .query(String.class).single();
    }

    private Finding check(String name, String offendingRowsSql) {
        List<String> rows = jdbc.sql("SELECT count(*) OVER (), line FROM (" + offendingRowsSql + ") o(line) LIMIT " + EXAMPLES)
                .query((rs, i) -> rs.getLong(1) + "\t" + rs.getString(2)).list();
        long count = rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).split("\t", 2)[0]);
        return new Finding(name, count, rows.stream().map(row -> row.split("\t", 2)[1]).toList());
    }
}
