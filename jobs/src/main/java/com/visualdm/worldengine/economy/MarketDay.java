package com.visualdm.worldengine.economy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.visualdm.worldengine.random.SeededRandom;

/**
 * The trades of one market on one day: how many, which merchant's goods, which buyer, how many units, at what price
 * and tax. A function of its inputs and the seeded generator alone. A buyer never pays more than they hold and a
 * stack never sells more than it has; a draw that cannot be met is a trade that does not happen.
 */
final class MarketDay {

    /** A merchant's stack of goods on offer; {@code baseCents} is the item's base value in hundredths. */
    record Stack(String id, String owner, String item, String type, long baseCents, int quantity) {
    }

    record Buyer(String id, long goldCents) {
    }

    /** One trade: the n-th draw of the day at the market. */
    record Sale(int n, String buyer, Stack stack, int quantity, long unitCents, long valueCents, long taxCents,
                int hour, int minute) {
    }

    private final int maximumQuantity;

    MarketDay(int maximumQuantity) {
        this.maximumQuantity = maximumQuantity;
    }

    List<Sale> trade(SeededRandom random, double averageTrades, List<Stack> stock, List<Buyer> buyers,
                     Map<String, Double> priceFactors, BigDecimal taxRate) {
        List<Sale> sales = new ArrayList<>();
        if (stock.isEmpty() || buyers.isEmpty()) {
            return sales;
        }
        Map<String, Integer> left = new LinkedHashMap<>();
        stock.forEach(stack -> left.put(stack.id(), stack.quantity()));
        Map<String, Long> gold = new LinkedHashMap<>();
        buyers.forEach(buyer -> gold.put(buyer.id(), buyer.goldCents()));
        int count = random.count(averageTrades);
        for (int n = 0; n < count; n++) {
            Stack stack = stock.get(random.nextInt(stock.size()));
            Buyer buyer = buyers.get(random.nextInt(buyers.size()));
            int wanted = random.between(1, maximumQuantity);
            int hour = random.between(6, 19);
            int minute = random.nextInt(60);
            long unit = Math.max(1, Math.round(stack.baseCents() * priceFactors.getOrDefault(stack.type(), 1.0)));
            int quantity = (int) Math.min(Math.min(wanted, left.get(stack.id())), gold.get(buyer.id()) / unit);
            if (quantity < 1) {
                continue;
            }
            long value = unit * quantity;
            long tax = taxRate.multiply(BigDecimal.valueOf(value)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            left.merge(stack.id(), -quantity, Integer::sum);
            gold.merge(buyer.id(), -value, Long::sum);
            sales.add(new Sale(n, buyer.id(), stack, quantity, unit, value, tax, hour, minute));
        }
        return sales;
    }
}
