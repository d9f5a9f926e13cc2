package com.visualdm.worldengine.world.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.visualdm.worldengine.calendar.GameDate;
import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.random.DeterministicIds;
import com.visualdm.worldengine.random.SeededRandom;

/**
 * Two world years of market trades, each with its purchase and tax transactions, streamed by COPY into the load
 * tables. Days are split among workers; every trade is a function of (seed, day, market, n) alone, so the rows are
 * the same whatever the number of workers. Returns each holder's net change of money, which the caller turns into
 * opening balances (mint transactions) so that the ledger adds up.
 */
final class TradeHistoryWriter {

    static final String[] TRADE_COLUMNS = {"id", "market_id", "buyer_id", "seller_id", "trade_type", "items_traded",
            "currency_exchanged", "trade_date", "world_day", "trade_value", "tax_paid", "reputation_impact"};
    static final String[] TRANSACTION_COLUMNS = {"id", "transaction_type", "from_entity", "to_entity", "amount",
            "description", "location_poi", "transaction_date", "world_day", "properties"};

    private final WorldPlan plan;
    private final DataSource dataSource;
    private final String schema;
    private final int workers;

    TradeHistoryWriter(WorldPlan plan, DataSource dataSource, String schema, int workers) {
        this.plan = plan;
        this.dataSource = dataSource;
        this.schema = schema;
        this.workers = workers;
    }

    /** Net money per character (index < characters) then per faction, in hundredths. */
    long[] write(String tradeTable, String transactionTable, GenerationProgress progress) {
        int days = WorldPlan.HISTORY_DAYS;
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "generate-trades");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong written = new AtomicLong();
        long expected = Math.round(plan.markets() * days * plan.size.tradesPerMarketDay() * 3);
        try {
            List<Future<Part>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int from = plan.firstHistoryDay() + days * w / workers;
                int to = plan.firstHistoryDay() + days * (w + 1) / workers;
                parts.add(pool.submit(() -> writeDays(from, to, tradeTable, transactionTable, written, expected, progress)));
            }
            long[] net = new long[plan.characters + plan.factions];
            long trades = 0;
            long transactions = 0;
            for (Future<Part> future : parts) {
                Part part = future.get();
                for (int i = 0; i < net.length; i++) {
                    net[i] += part.net()[i];
                }
                trades += part.trades();
                transactions += part.transactions();
            }
            progress.tableDone("trade_entities", trades);
            progress.tableDone("transaction_entities (trades)", transactions);
            return net;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new GenerationException("trade history failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Part(long[] net, long trades, long transactions) {
    }

    private Part writeDays(int fromDay, int toDay, String tradeTable, String transactionTable, AtomicLong written,
                             long expected, GenerationProgress progress) throws SQLException {
        long[] net = new long[plan.characters + plan.factions];
        try (Connection tradeConnection = dataSource.getConnection();
             Connection transactionConnection = dataSource.getConnection();
             CopyStream trades = new CopyStream(tradeConnection, schema, tradeTable, TRADE_COLUMNS);
             CopyStream transactions = new CopyStream(transactionConnection, schema, transactionTable, TRANSACTION_COLUMNS)) {
            for (int day = fromDay; day < toDay; day++) {
                long before = trades.rows() + transactions.rows();
                for (int market = 0; market < plan.markets(); market++) {
                    writeMarketDay(day, market, trades, transactions, net);
                }
                progress.rows("trades and transactions", written.addAndGet(trades.rows() + transactions.rows() - before), expected);
            }
            return new Part(net, trades.finish(), transactions.finish());
        }
    }

    private void writeMarketDay(int day, int market, CopyStream trades, CopyStream transactions, long[] net) {
        SeededRandom random = SeededRandom.of(plan.seed, "trades", day, market);
        int count = random.count(plan.size.tradesPerMarketDay() * plan.marketWeightPercent[market] / 100.0);
        int poi = plan.marketPoi.get(market);
        int faction = plan.controller[plan.poiRegion[poi]];
        int firstNpc = plan.firstCharacterAt(poi);
        String marketId = plan.marketId(market);
        String poiId = plan.poiId(poi);
        String factionId = plan.factionId(faction);
        for (int n = 0; n < count; n++) {
            int seller = firstNpc + random.nextInt(WorldPlan.MERCHANTS_PER_MARKET);
            int buyer = random.chance(0.05) ? plan.npcs + random.nextInt(WorldPlan.PLAYER_CHARACTERS)
                    : firstNpc + WorldPlan.MERCHANTS_PER_MARKET
                    + random.nextInt(plan.size.npcsPerPoi() - WorldPlan.MERCHANTS_PER_MARKET);
            int item = random.nextInt(plan.itemBaseValue.length);
            int quantity = random.between(1, 5);
            long unitPrice = Math.max(1, plan.itemBaseValue[item] * random.between(80, 125) / 100);
            long value = unitPrice * quantity;
            long tax = value * plan.marketTaxHundredths[market] / 100;
            String date = GameDate.ofWorldDay(day, random.between(6, 20), random.nextInt(60)).toJson();
            String tradeId = DeterministicIds.uuid(plan.seed, "trade", day, market, n).toString();
            String buyerId = plan.characterId(buyer);
            String sellerId = plan.characterId(seller);

            trades.id(tradeId).id(marketId).id(buyerId).id(sellerId).text("purchase")
                    .json(Json.arr(Json.raw(Json.obj("item_id", plan.itemId(item), "quantity", quantity,
                            "unit_price", Json.hundredths(unitPrice)))))
                    .json(Json.obj("gold", Json.hundredths(value)))
                    .json(date).number(day).cents(value).cents(tax)
                    .json(Json.obj(factionId.toString(), 1))
                    .endRow();
            String tradeRef = Json.obj("trade_id", tradeId);
            transactions.uuid(DeterministicIds.uuid(plan.seed, "transaction", day, market, n, 0)).text("purchase")
                    .id(buyerId).id(sellerId).cents(value).text("market purchase").id(poiId)
                    .json(date).number(day).json(tradeRef)
                    .endRow();
            transactions.uuid(DeterministicIds.uuid(plan.seed, "transaction", day, market, n, 1)).text("tax")
                    .id(sellerId).id(factionId).cents(tax).text("market tax").id(poiId)
                    .json(date).number(day).json(tradeRef)
                    .endRow();
            net[buyer] -= value;
            net[seller] += value - tax;
            net[plan.characters + faction] += tax;
        }
    }
}
