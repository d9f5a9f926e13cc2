package com.visualdm.worldengine.economy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.visualdm.worldengine.json.Json;
import com.visualdm.worldengine.tick.TickContext;

/**
 * The only writer of money: every change of a holder's wealth is a {@code transaction_entities} row, written in the
 * same statement batch as the holder's new balance. Holders are characters and factions, each with
 * {@code resources.gold} (a number of gold pieces, in hundredths). A null payer is a mint, a null payee a burn.
 */
@Component
public class Ledger {

    /** One transaction of the day. {@code tradeId} links a trade's transactions to it ({@code properties.trade_id}). */
    public record Entry(UUID id, TransactionKind kind, String from, String to, long cents, String description,
                        String poi, int hour, int minute, String tradeId) {

        public Entry {
            if (cents < 0) {
                throw new IllegalArgumentException("negative amount " + cents + " in " + kind);
            }
            if ((from == null) != (kind == TransactionKind.MINT) || (to == null) != (kind == TransactionKind.BURN)) {
                throw new IllegalArgumentException(kind + " from " + from + " to " + to
                        + ": only a mint has no payer and only a burn no payee");
            }
        }
    }

    private final JdbcClient jdbc;

    public Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the transactions, dated on the context's day, and moves the holders' balances by them. */
    public void record(TickContext context, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object> rows = new ArrayList<>();
        Map<String, Long> deltas = new TreeMap<>();
        for (Entry entry : entries) {
            rows.add(Json.raw(Json.obj("id", entry.id(), "kind", entry.kind().label(), "payer", entry.from(),
                    "payee", entry.to(), "cents", entry.cents(), "description", entry.description(), "poi", entry.poi(),
                    "hour", entry.hour(), "minute", entry.minute(), "trade", entry.tradeId())));
            if (entry.from() != null) {
                deltas.merge(entry.from(), -entry.cents(), Long::sum);
            }
            if (entry.to() != null) {
                deltas.merge(entry.to(), entry.cents(), Long::sum);
            }
        }
        jdbc.sql("""
                        INSERT INTO %s (id, transaction_type, from_entity, to_entity, amount, description, location_poi,
                                        transaction_date, world_day, properties)
                        SELECT t.id, t.kind, t.payer, t.payee, round(t.cents::numeric / 100, 2), t.description, t.poi,
                               :date::jsonb || jsonb_build_object('hour', t.hour, 'minute', t.minute), :day,
                               CASE WHEN t.trade IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('trade_id', t.trade) END
                          FROM jsonb_to_recordset(:rows::jsonb) AS t(id uuid, kind text, payer uuid, payee uuid, cents bigint,
                               description text, poi uuid, hour int, minute int, trade text)
                        """.formatted(context.table("transaction_entities")))
                .param("date", context.date().toJson()).param("day", context.day()).param("rows", Json.arr(rows))
                .update();
        List<Object> changes = new ArrayList<>();
        deltas.forEach((holder, cents) -> {
            changes.add(holder);
            changes.add(cents);
        });
        String json = Json.obj(changes.toArray());
        for (String table : List.of("character_entities", "faction_entities")) {
            jdbc.sql("""
                            UPDATE %s h
                               SET resources = jsonb_set(coalesce(h.resources, '{}'::jsonb), '{gold}', to_jsonb(round(
                                       CASE WHEN jsonb_typeof(h.resources->'gold') = 'number'
                                            THEN (h.resources->>'gold')::numeric ELSE 0 END + d.value::text::numeric / 100, 2)))
                              FROM jsonb_each(:deltas::jsonb) d
                             WHERE h.id = d.key::uuid AND d.value::text::bigint <> 0
                            """.formatted(context.table(table)))
                    .param("deltas", json).update();
        }
    }
}
