package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;
import com.visualdm.worldengine.tick.TickContext;
import com.visualdm.worldengine.tick.TickPhase;
import com.visualdm.worldengine.tick.TickRule;

/**
 * The day's trading, market by market (docs/rules.md, "Trading"): merchants restock, {@link MarketDay} decides the
 * trades (people buying from merchants, and selling to them), then everything is written set-based: the trades,
 * their purchase or sale and tax transactions and the balances (through the {@link Ledger}), the goods (the seller's
 * stack shrinks, the buyer's stack of the same item grows or a new one is made), the traders' reputation with the
 * market's faction and the market's record of the day.
 */
@Component
class TradingRule implements TickRule {

    private final JdbcClient jdbc;
    private final EconomyProperties properties;
    private final Ledger ledger;
    private final MarketDay marketDay;

    TradingRule(JdbcClient jdbc, EconomyProperties properties, Ledger ledger) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.ledger = ledger;
        this.marketDay = new MarketDay(properties.maximumQuantity(), properties.saleShare(), properties.buyBackFactor());
    }

    @Override
    public TickPhase phase() {
        return TickPhase.TRADING;
    }

    private record Market(String id, String poi, String size, BigDecimal taxRate, String faction, double population) {
    }

    /** A trade with everything needed to write it: ids, the market, and the buyer's stack that receives the goods. */
    private record Written(Market market, MarketDay.Trade trade, UUID tradeId, String target, boolean newTarget) {

        boolean sale() {
            return trade.type() == MarketDay.TradeType.SALE;
        }
    }

    @Override
    public Map<String, Long> apply(TickContext context) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("stock_restocked", (long) jdbc.sql("""
                        UPDATE %s SET quantity = LEAST(:cap, quantity + :restock)
                         WHERE location_type = 'market' AND owner_id IS NOT NULL AND quantity < :cap
                        """.formatted(context.table("item_instance_entities")))
                .param("cap", properties.stockCap()).param("restock", properties.restockPerDay()).update());
        List<Written> withTargets = targets(context, decide(context));
        write(context, withTargets);
        summary.put("trades", (long) withTargets.size());
        return summary;
    }

    private List<Written> decide(TickContext context) {
        List<Market> markets = jdbc.sql("""
                        SELECT m.id::text, p.id::text, coalesce(m.size_category, 'medium'), coalesce(m.tax_rate, 0)::numeric,
                               r.political_control::text,
                               CASE WHEN jsonb_typeof(p.current_state->'population') = 'number'
                                    THEN (p.current_state->>'population')::float8 ELSE 0 END
                          FROM %s m JOIN %s p ON p.id = m.location_poi JOIN %s r ON r.id = p.region_id
                         WHERE coalesce(m.status, 'active') = 'active'
                         ORDER BY m.id
                        """.formatted(context.table("market_entities"), context.table("poi_entities"),
                        context.table("region_entities")))
                .query((rs, i) -> new Market(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getDouble(6)))
                .list();
        Map<String, Map<String, Double>> factors = new TreeMap<>();
        jdbc.sql("""
                        SELECT m.id::text, x.key, x.value::text::float8
                          FROM %s m, jsonb_each(CASE WHEN jsonb_typeof(m.properties->'price_index') = 'object'
                                                     THEN m.properties->'price_index' ELSE '{}'::jsonb END) x
                         WHERE jsonb_typeof(x.value) = 'number'
                        """.formatted(context.table("market_entities")))
                .query((rs, i) -> factors.computeIfAbsent(rs.getString(1), key -> new TreeMap<>())
                        .put(rs.getString(2), rs.getDouble(3)))
                .list();
        Map<String, List<MarketDay.Stack>> stock = new TreeMap<>();
        Map<String, Long> gold = new TreeMap<>();
        jdbc.sql("""
                        SELECT s.location_id::text, s.id::text, s.owner_id::text, s.item_id::text, i.item_type,
                               round(coalesce(i.base_value, 0) * 100)::bigint, s.quantity,
                               CASE WHEN jsonb_typeof(c.resources->'gold') = 'number'
                                    THEN round((c.resources->>'gold')::numeric * 100)::bigint ELSE 0 END
                          FROM %s s JOIN %s i ON i.id = s.item_id JOIN %s c ON c.id = s.owner_id
                         WHERE s.location_type = 'market' AND s.quantity > 0
                         ORDER BY 1, 2
                        """.formatted(context.table("item_instance_entities"), context.table("item_entities"),
                        context.table("character_entities")))
                .query((rs, i) -> {
                    gold.put(rs.getString(3), rs.getLong(8));
                    return stock.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(new MarketDay.Stack(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7)));
                })
                .list();
        Map<String, List<String>> people = new TreeMap<>();
        String peopleAtMarkets = """
                %s m JOIN %s c ON c.current_location = m.location_poi
                 AND c.current_status = 'alive' AND jsonb_typeof(c.resources->'gold') = 'number'
                 AND NOT (jsonb_typeof(m.vendor_list) = 'array' AND jsonb_exists(m.vendor_list, c.id::text))""".formatted(
                context.table("market_entities"), context.table("character_entities"));
        jdbc.sql("""
                        SELECT m.id::text, c.id::text, round((c.resources->>'gold')::numeric * 100)::bigint
                          FROM %s ORDER BY 1, 2
                        """.formatted(peopleAtMarkets))
                .query((rs, i) -> {
                    gold.put(rs.getString(2), rs.getLong(3));
                    return people.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getString(2));
                })
                .list();
        Map<String, List<MarketDay.Stack>> holdings = new TreeMap<>();
        jdbc.sql("""
                        SELECT m.id::text, s.id::text, s.owner_id::text, s.item_id::text, i.item_type,
                               round(coalesce(i.base_value, 0) * 100)::bigint, s.quantity
                          FROM %s
                          JOIN %s s ON s.owner_id = c.id AND s.location_type = 'inventory' AND s.quantity > 0
                          JOIN %s i ON i.id = s.item_id
                         ORDER BY 1, 2
                        """.formatted(peopleAtMarkets, context.table("item_instance_entities"), context.table("item_entities")))
                .query((rs, i) -> holdings.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(new MarketDay.Stack(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7))))
                .list();
        double cycle = properties.factor(EconomicConditions.phase(jdbc, context));
        List<Written> trades = new ArrayList<>();
        for (Market market : markets) {
            UUID id = UUID.fromString(market.id());
            SeededRandom random = SeededRandom.of(context.seed(), "trades", context.day(),
                    id.getMostSignificantBits(), id.getLeastSignificantBits());
            for (MarketDay.Trade trade : marketDay.trade(random, averageTrades(market) * cycle,
                    stock.getOrDefault(market.id(), List.of()), people.getOrDefault(market.id(), List.of()),
                    holdings.getOrDefault(market.id(), List.of()), gold, factors.getOrDefault(market.id(), Map.of()),
                    market.faction() == null ? BigDecimal.ZERO : market.taxRate())) {
                UUID tradeId = DeterministicIds.uuid(context.seed(), "trade", context.day(),
                        id.getMostSignificantBits(), id.getLeastSignificantBits(), trade.n());
                trades.add(new Written(market, trade, tradeId, null, false));
            }
        }
        return trades;
    }

    /** Average trades a day by market size and population at the market (the caller applies the cycle). */
    private double averageTrades(Market market) {
        double base = switch (market.size()) {
            case "tiny", "small" -> properties.smallMarketTrades();
            case "large", "huge" -> properties.largeMarketTrades();
            default -> properties.mediumMarketTrades();
        };
        double population = Math.max(properties.minimumPopulationFactor(), Math.min(properties.maximumPopulationFactor(),
                market.population() / properties.referencePopulation()));
        return base * population;
    }

    /**
     * Where each trade's goods go: the buyer's first stack of the item where it keeps such goods (a person's
     * inventory, a merchant's place at this market), merged into; else a new stack made by the day's first such
     * trade, which later trades of the day merge into.
     */
    private List<Written> targets(TickContext context, List<Written> trades) {
        if (trades.isEmpty()) {
            return trades;
        }
        List<Object> wanted = trades.stream().<Object>map(w -> Json.raw(Json.obj("owner", w.trade().buyer(),
                "item", w.trade().from().item(), "market", w.sale() ? w.market().id() : null))).toList();
        Map<String, String> existing = new TreeMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (x.owner, x.item, x.market) x.owner || ' ' || x.item || ' ' || coalesce(x.market, ''), s.id::text
                          FROM (SELECT DISTINCT * FROM jsonb_to_recordset(:wanted::jsonb) AS x(owner text, item text, market text)) x
                          JOIN %s s ON s.owner_id = x.owner::uuid AND s.item_id = x.item::uuid
                                   AND CASE WHEN x.market IS NULL THEN s.location_type = 'inventory'
                                            ELSE s.location_type = 'market' AND s.location_id = x.market::uuid END
                         ORDER BY x.owner, x.item, x.market, s.id
                        """.formatted(context.table("item_instance_entities")))
                .param("wanted", Json.arr(wanted))
                .query((rs, i) -> existing.put(rs.getString(1), rs.getString(2))).list();
        List<Written> result = new ArrayList<>();
        for (Written w : trades) {
            String key = w.trade().buyer() + " " + w.trade().from().item() + " " + (w.sale() ? w.market().id() : "");
            String target = existing.get(key);
            boolean fresh = target == null;
            if (fresh) {
                target = DeterministicIds.uuid(context.seed(), "traded-stack", w.tradeId().getMostSignificantBits(),
                        w.tradeId().getLeastSignificantBits()).toString();
                existing.put(key, target);
            }
            result.add(new Written(w.market(), w.trade(), w.tradeId(), target, fresh));
        }
        return result;
    }

    private void write(TickContext context, List<Written> trades) {
        if (trades.isEmpty()) {
            return;
        }
        List<Object> rows = new ArrayList<>();
        List<Ledger.Entry> money = new ArrayList<>();
        for (Written w : trades) {
            MarketDay.Trade trade = w.trade();
            rows.add(Json.raw(Json.obj("id", w.tradeId(), "type", trade.type().label(), "market", w.market().id(),
                    "buyer", trade.buyer(), "seller", trade.seller(), "stack", trade.from().id(), "item", trade.from().item(),
                    "target", w.target(), "fresh", w.newTarget(), "quantity", trade.quantity(),
                    "unit", Json.hundredths(trade.unitCents()), "value", Json.hundredths(trade.valueCents()),
                    "tax", Json.hundredths(trade.taxCents()), "hour", trade.hour(), "minute", trade.minute(),
                    "faction", w.market().faction())));
            long[] keys = {w.tradeId().getMostSignificantBits(), w.tradeId().getLeastSignificantBits()};
            money.add(new Ledger.Entry(DeterministicIds.uuid(context.seed(), "trade-purchase", keys), trade.type().payment,
                    trade.buyer(), trade.seller(), trade.valueCents(), "market " + trade.type().label(), w.market().poi(),
                    trade.hour(), trade.minute(), w.tradeId().toString()));
            if (w.market().faction() != null) {
                money.add(new Ledger.Entry(DeterministicIds.uuid(context.seed(), "trade-tax", keys), TransactionKind.TAX,
                        trade.seller(), w.market().faction(), trade.taxCents(), "market tax", w.market().poi(), trade.hour(),
                        trade.minute(), w.tradeId().toString()));
            }
        }
        String json = Json.arr(rows);
        String recordset = """
                jsonb_to_recordset(:trades::jsonb) AS s(id uuid, type text, market uuid, buyer uuid, seller uuid, stack uuid, item uuid,
                    target uuid, fresh boolean, quantity int, unit numeric, value numeric, tax numeric, hour int, minute int,
                    faction text)""";
        jdbc.sql("""
                        INSERT INTO %s (id, market_id, buyer_id, seller_id, trade_type, items_traded, currency_exchanged,
                                        trade_date, world_day, trade_value, tax_paid, reputation_impact)
                        SELECT s.id, s.market, s.buyer, s.seller, s.type,
                               jsonb_build_array(jsonb_build_object('item_id', s.item, 'instance_id', s.target,
                                   'from_instance_id', s.stack, 'quantity', s.quantity, 'unit_price', s.unit)),
                               jsonb_build_object('gold', s.value),
                               :date::jsonb || jsonb_build_object('hour', s.hour, 'minute', s.minute), :day, s.value, s.tax,
                               CASE WHEN s.faction IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(s.faction, :reputation) END
                          FROM %s
                        """.formatted(context.table("trade_entities"), recordset))
                .param("trades", json).param("date", context.date().toJson()).param("day", context.day())
                .param("reputation", properties.tradeReputation()).update();
        ledger.record(context, money);
        String items = context.table("item_instance_entities");
        jdbc.sql("""
                        UPDATE %s i SET quantity = i.quantity - x.sold
                          FROM (SELECT s.stack, sum(s.quantity) AS sold FROM %s GROUP BY s.stack) x
                         WHERE i.id = x.stack
                        """.formatted(items, recordset)).param("trades", json).update();
        jdbc.sql("""
                        UPDATE %s i SET quantity = i.quantity + x.bought
                          FROM (SELECT s.target, sum(s.quantity) AS bought FROM %s WHERE NOT s.fresh GROUP BY s.target) x
                         WHERE i.id = x.target
                        """.formatted(items, recordset)).param("trades", json).update();
        jdbc.sql("""
                        INSERT INTO %1$s (id, item_id, owner_id, location_type, location_id, quantity, current_durability)
                        SELECT s.target, s.item, s.buyer, CASE WHEN s.type = 'sale' THEN 'market' ELSE 'inventory' END,
                               CASE WHEN s.type = 'sale' THEN s.market ELSE inventory.id END, sum(s.quantity), 100
                          FROM %3$s
                          -- Each buyer's first inventory, looked up by owner (an ORDER BY id LIMIT 1 per row lets the
                          -- planner walk the whole primary key instead).
                          LEFT JOIN (SELECT DISTINCT ON (v.owner_id) v.owner_id, v.id
                                       FROM %2$s v JOIN (SELECT DISTINCT b.buyer FROM %4$s WHERE b.fresh) fresh ON fresh.buyer = v.owner_id
                                      ORDER BY v.owner_id, v.id) inventory ON inventory.owner_id = s.buyer
                         WHERE s.fresh GROUP BY s.target, s.item, s.buyer, s.type, s.market, inventory.id
                        """.formatted(items, context.table("inventory_entities"), recordset, recordset.replace("AS s(", "AS b(")))
                .param("trades", json).update();
        jdbc.sql("""
                        UPDATE %s c SET reputation = coalesce(c.reputation, '{}'::jsonb) || jsonb_build_object(x.faction,
                                   LEAST(100, CASE WHEN jsonb_typeof(c.reputation->x.faction) = 'number'
                                                   THEN (c.reputation->>x.faction)::numeric ELSE 0 END + x.change))
                          FROM (SELECT t.who, t.faction, count(*) * :reputation AS change
                                  FROM (SELECT s.buyer AS who, s.faction FROM %s UNION ALL SELECT s.seller, s.faction FROM %s) t
                                 WHERE t.faction IS NOT NULL GROUP BY 1, 2) x
                         WHERE c.id = x.who AND (c.reputation IS NULL OR jsonb_typeof(c.reputation) = 'object')
                        """.formatted(context.table("character_entities"), recordset, recordset))
                .param("trades", json).param("reputation", properties.tradeReputation()).update();
        jdbc.sql("""
                        UPDATE %s m SET properties = coalesce(m.properties, '{}'::jsonb) || jsonb_build_object('economy',
                                   jsonb_build_object('day', :day, 'trades', x.trades, 'value', x.value, 'tax', x.tax))
                          FROM (SELECT s.market, count(*) AS trades, sum(s.value) AS value, sum(s.tax) AS tax
                                  FROM %s GROUP BY s.market) x
                         WHERE m.id = x.market
                        """.formatted(context.table("market_entities"), recordset))
                .param("trades", json).param("day", context.day()).update();
    }
}
