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
 * the same whatever the number of workers. {@link #netBalances()} gives each holder's net change of money, which
 * the caller turns into opening balances (mint transactions) so that the ledger adds up.
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

    /**
     * Net money per character (index < characters) then per faction, in hundredths, over the whole back-history.
     * Computed before any trade is written, so the people (whose money is their opening balance plus this) can be
     * loaded while the trades are.
     */
    long[] netBalances() {
        List<long[]> parts = inParallel((from, to) -> {
            long[] net = new long[plan.characters + plan.factions];
            for (int day = from; day < to; day++) {
                for (int market = 0; market < plan.markets(); market++) {
                    for (Trade trade : trades(day, market)) {
                        net[trade.buyer()] -= trade.value();
                        net[trade.seller()] += trade.value() - trade.tax();
                        net[plan.characters + trade.faction()] += trade.tax();
                    }
                }
            }
            return net;
        });
        long[] net = new long[plan.characters + plan.factions];
        for (long[] part : parts) {
            for (int i = 0; i < net.length; i++) {
                net[i] += part[i];
            }
        }
        return net;
    }

    /** Writes every trade with its purchase and tax transactions into the two (load) tables. */
    void write(String tradeTable, String transactionTable, GenerationProgress progress) {
        AtomicLong written = new AtomicLong();
        long expected = Math.round(plan.markets() * WorldPlan.HISTORY_DAYS * plan.size.tradesPerMarketDay() * 3);
        List<long[]> counts = inParallel((from, to) -> {
            try (Connection tradeConnection = dataSource.getConnection();
                 Connection transactionConnection = dataSource.getConnection();
                 CopyStream trades = new CopyStream(tradeConnection, schema, tradeTable, TRADE_COLUMNS);
                 CopyStream transactions = new CopyStream(transactionConnection, schema, transactionTable, TRANSACTION_COLUMNS)) {
                for (int day = from; day < to; day++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new GenerationException("trade history stopped: generation failed elsewhere", null);
                    }
                    long before = trades.rows() + transactions.rows();
                    for (int market = 0; market < plan.markets(); market++) {
                        for (Trade trade : trades(day, market)) {
                            write(trade, trades, transactions);
                        }
                    }
                    progress.rows("trades and transactions",
                            written.addAndGet(trades.rows() + transactions.rows() - before), expected);
                }
                return new long[] {trades.finish(), transactions.finish()};
            }
        });
        progress.tableDone("trade_entities", counts.stream().mapToLong(count -> count[0]).sum());
        progress.tableDone("transaction_entities (trades)", counts.stream().mapToLong(count -> count[1]).sum());
    }

    private interface DayRange<T> {
        T run(int fromDay, int toDay) throws SQLException;
    }

    /** Splits the back-history days among the workers; results in day order. */
    private <T> List<T> inParallel(DayRange<T> work) {
        int days = WorldPlan.HISTORY_DAYS;
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "generate-trades");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int from = plan.firstHistoryDay() + days * w / workers;
                int to = plan.firstHistoryDay() + days * (w + 1) / workers;
                parts.add(pool.submit(() -> work.run(from, to)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> part : parts) {
                results.add(part.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new GenerationException("trade history failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", e);
        } finally {
            WorldGenerator.stopAndWait(pool);
        }
    }

    /** One trade of the back-history: who sold what to whom, for how much. */
    private record Trade(int day, int market, int n, int poi, int faction, int seller, int buyer, int item,
                         int quantity, long unitPrice, long value, long tax, int hour, int minute) {
    }

    /** The trades of one market on one day: a function of (seed, day, market) alone. */
    private List<Trade> trades(int day, int market) {
        SeededRandom random = SeededRandom.of(plan.seed, "trades", day, market);
        int count = random.count(plan.size.tradesPerMarketDay() * plan.marketWeightPercent[market] / 100.0);
        int poi = plan.marketPoi.get(market);
        int faction = plan.controller[plan.poiRegion[poi]];
        int firstNpc = plan.firstCharacterAt(poi);
        List<Trade> trades = new ArrayList<>(count);
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
            trades.add(new Trade(day, market, n, poi, faction, seller, buyer, item, quantity, unitPrice, value, tax,
                    random.between(6, 20), random.nextInt(60)));
        }
        return trades;
    }

    private void write(Trade trade, CopyStream trades, CopyStream transactions) {
        String date = GameDate.ofWorldDay(trade.day(), trade.hour(), trade.minute()).toJson();
        String tradeId = DeterministicIds.uuid(plan.seed, "trade", trade.day(), trade.market(), trade.n()).toString();
        String buyerId = plan.characterId(trade.buyer());
        String sellerId = plan.characterId(trade.seller());
        String factionId = plan.factionId(trade.faction());
        String poiId = plan.poiId(trade.poi());
        trades.id(tradeId).id(plan.marketId(trade.market())).id(buyerId).id(sellerId).text("purchase")
                .json(Json.arr(Json.raw(Json.obj("item_id", plan.itemId(trade.item()), "quantity", trade.quantity(),
                        "unit_price", Json.hundredths(trade.unitPrice())))))
                .json(Json.obj("gold", Json.hundredths(trade.value())))
                .json(date).number(trade.day()).cents(trade.value()).cents(trade.tax())
                .json(Json.obj(factionId, 1))
                .endRow();
        String tradeRef = Json.obj("trade_id", tradeId);
        transactions.uuid(DeterministicIds.uuid(plan.seed, "transaction", trade.day(), trade.market(), trade.n(), 0))
                .text("purchase").id(buyerId).id(sellerId).cents(trade.value()).text("market purchase").id(poiId)
                .json(date).number(trade.day()).json(tradeRef)
                .endRow();
        transactions.uuid(DeterministicIds.uuid(plan.seed, "transaction", trade.day(), trade.market(), trade.n(), 1))
                .text("tax").id(sellerId).id(factionId).cents(trade.tax()).text("market tax").id(poiId)
                .json(date).number(trade.day()).json(tradeRef)
                .endRow();
    }
}
