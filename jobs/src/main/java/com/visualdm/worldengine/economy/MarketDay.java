package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.visualdm.worldengine.random.SeededRandom;

/**
 * The trades of one market on one day: how many, whether a merchant sells to a person (a purchase) or buys from
 * one (a sale), which goods, how many units, at what price and tax. A function of its inputs and the seeded
 * generator alone. Nobody pays more than they hold and no stack gives more than it has; a draw that cannot be met
 * is a trade that does not happen.
 */
final class MarketDay {

    /** Who sells: in a purchase the merchant sells to a person, in a sale the person sells to the merchant. */
    enum TradeType {
        PURCHASE(TransactionKind.PURCHASE), SALE(TransactionKind.SALE);

        final TransactionKind payment;

        TradeType(TransactionKind payment) {
            this.payment = payment;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A stack of goods: a merchant's on offer, or one a person carries; {@code baseCents} is the item's base value. */
    record Stack(String id, String owner, String item, String type, long baseCents, int quantity) {
    }

    /** One trade: the n-th draw of the day at the market; the goods leave {@code from}, the seller's stack. */
    record Trade(int n, TradeType type, String buyer, String seller, Stack from, int quantity, long unitCents,
                 long valueCents, long taxCents, int hour, int minute) {
    }

    private final int maximumQuantity;
    private final double saleShare;
    private final double buyBackFactor;

    MarketDay(int maximumQuantity, double saleShare, double buyBackFactor) {
        this.maximumQuantity = maximumQuantity;
        this.saleShare = saleShare;
        this.buyBackFactor = buyBackFactor;
    }

    /**
     * @param stock the merchants' stacks at the market
     * @param people who may buy from or sell to the merchants
     * @param holdings the stacks those people carry
     * @param gold everyone's money (people and merchants), in hundredths
     */
    List<Trade> trade(SeededRandom random, double averageTrades, List<Stack> stock, List<String> people,
                      List<Stack> holdings, Map<String, Long> gold, Map<String, Double> priceFactors, BigDecimal taxRate) {
        List<Trade> trades = new ArrayList<>();
        if (stock.isEmpty() || people.isEmpty()) {
            return trades;
        }
        Map<String, Integer> left = new LinkedHashMap<>();
        stock.forEach(stack -> left.put(stack.id(), stack.quantity()));
        holdings.forEach(stack -> left.put(stack.id(), stack.quantity()));
        Map<String, Long> moved = new LinkedHashMap<>(); // today's changes of money; gold holds everyone's
        int count = random.count(averageTrades);
        for (int n = 0; n < count; n++) {
            boolean sale = random.chance(saleShare) && !holdings.isEmpty();
            Stack merchants = stock.get(random.nextInt(stock.size()));
            Stack from = sale ? holdings.get(random.nextInt(holdings.size())) : merchants;
            String buyer = sale ? merchants.owner() : people.get(random.nextInt(people.size()));
            int wanted = random.between(1, maximumQuantity);
            int hour = random.between(6, 19);
            int minute = random.nextInt(60);
            double factor = priceFactors.getOrDefault(from.type(), 1.0) * (sale ? buyBackFactor : 1);
            long unit = Math.max(1, Math.round(from.baseCents() * factor));
            long held = gold.getOrDefault(buyer, 0L) + moved.getOrDefault(buyer, 0L);
            int quantity = (int) Math.min(Math.min(wanted, left.get(from.id())), held / unit);
            if (quantity < 1) {
                continue;
            }
            long value = unit * quantity;
            long tax = taxRate.multiply(BigDecimal.valueOf(value)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            left.merge(from.id(), -quantity, Integer::sum);
            moved.merge(buyer, -value, Long::sum);
            moved.merge(from.owner(), value - tax, Long::sum);
            trades.add(new Trade(n, sale ? TradeType.SALE : TradeType.PURCHASE, buyer, from.owner(), from, quantity,
                    unit, value, tax, hour, minute));
        }
        return trades;
    }
}
