package com.visualdm.worldengine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text for JSONB columns: valid JSON for any string, exact numbers, the same text on every machine. */
class JsonTests {

    static final ObjectMapper PARSER = new ObjectMapper();

    @Test
    void anObjectOfAMapKeepsTheMapsOrder() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("b", 1);
        entries.put("a", Json.raw("[2]"));
        assertThat(Json.obj(entries)).isEqualTo("{\"b\": 1, \"a\": [2]}");
        assertThat(Json.obj(Map.of())).isEqualTo("{}");
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(Json.obj("name", "say \"hi\"")).isEqualTo("{\"name\": \"say \\\"hi\\\"\"}");
        assertThat(Json.obj("path", "C:\\dir\\")).isEqualTo("{\"path\": \"C:\\\\dir\\\\\"}");
        assertThat(Json.obj("key \"quoted\"", 1)).isEqualTo("{\"key \\\"quoted\\\"\": 1}");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(Json.arr("a\nb", "a\tb", "a\rb")).isEqualTo("[\"a\\nb\", \"a\\tb\", \"a\\rb\"]");
        assertThat(Json.arr("\u0000", "\u0001", "\b", "\f", "\u001f"))
                .isEqualTo("[\"\\u0000\", \"\\u0001\", \"\\u0008\", \"\\u000c\", \"\\u001f\"]");
        assertThat(Json.arr("plain text, é ☃ 𝄞")).isEqualTo("[\"plain text, é ☃ 𝄞\"]");
    }

    @Test
    void everyCharacterSurvivesAJsonParser() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\uFFFF😀\"\\");
        String text = all.toString();
        JsonNode parsed = PARSER.readTree(Json.obj(text, text));
        assertThat(parsed.get(text).textValue()).isEqualTo(text);
    }

    @Test
    void numbersBooleansNullsAndUuidsAreWrittenAsTheyAre() throws Exception {
        UUID id = UUID.fromString("123e4567-e89b-42d3-a456-426614174000");
        String json = Json.obj("int", 42, "negative", -7, "long", Long.MAX_VALUE, "min", Long.MIN_VALUE,
                "yes", true, "no", false, "nothing", null, "id", id);
        assertThat(json).isEqualTo("{\"int\": 42, \"negative\": -7, \"long\": 9223372036854775807, "
                + "\"min\": -9223372036854775808, \"yes\": true, \"no\": false, \"nothing\": null, "
                + "\"id\": \"123e4567-e89b-42d3-a456-426614174000\"}");
        JsonNode parsed = PARSER.readTree(json);
        assertThat(parsed.get("long").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(parsed.get("nothing").isNull()).isTrue();
        assertThat(parsed.get("id").textValue()).isEqualTo(id.toString());
    }

    @Test
    void floatingPointNumbersAreRefused() {
        assertThatThrownBy(() -> Json.obj("price", 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Double");
        assertThatThrownBy(() -> Json.arr(1.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.arr(new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawJsonAndCollectionsNest() throws Exception {
        String inner = Json.obj("wars", Json.raw("[]"), "price", Json.hundredths(150));
        String json = Json.obj("name", "x", "inner", Json.raw(inner), "list", List.of(1, "two", List.of(3L)),
                "empty", List.of());
        assertThat(json).isEqualTo("{\"name\": \"x\", \"inner\": {\"wars\": [], \"price\": 1.50}, "
                + "\"list\": [1, \"two\", [3]], \"empty\": []}");
        assertThat(PARSER.readTree(json).get("inner").get("price").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(Json.arr()).isEqualTo("[]");
        assertThat(Json.obj()).isEqualTo("{}");
        List<Object> withNull = new ArrayList<>(Arrays.asList("a", null));
        assertThat(Json.arr(withNull)).isEqualTo("[\"a\", null]");
    }

    @Test
    void objectsKeepTheKeyOrderGiven() throws Exception {
        String json = Json.obj("z", 1, "a", 2, "m", 3);
        assertThat(json).isEqualTo("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertThat(PARSER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { })).containsExactly(Map.entry("z", 1), Map.entry("a", 2), Map.entry("m", 3));
    }

    @Test
    void hundredthsAreExactDecimalsWithTwoDigits() {
        assertThat(Decimals.hundredths(0)).isEqualTo("0.00");
        assertThat(Decimals.hundredths(1)).isEqualTo("0.01");
        assertThat(Decimals.hundredths(9)).isEqualTo("0.09");
        assertThat(Decimals.hundredths(10)).isEqualTo("0.10");
        assertThat(Decimals.hundredths(99)).isEqualTo("0.99");
        assertThat(Decimals.hundredths(100)).isEqualTo("1.00");
        assertThat(Decimals.hundredths(105)).isEqualTo("1.05");
        assertThat(Decimals.hundredths(12345)).isEqualTo("123.45");
        assertThat(Decimals.hundredths(-1)).isEqualTo("-0.01");
        assertThat(Decimals.hundredths(-5)).isEqualTo("-0.05");
        assertThat(Decimals.hundredths(-50)).isEqualTo("-0.50");
        assertThat(Decimals.hundredths(-100)).isEqualTo("-1.00");
        assertThat(Decimals.hundredths(-12345)).isEqualTo("-123.45");
        assertThat(Decimals.hundredths(Long.MAX_VALUE)).isEqualTo("92233720368547758.07");
    }

    @Test
    void hundredthsAgreeWithBigDecimalEverywhere() {
        for (long value = -20_000; value <= 20_000; value++) {
            assertThat(Decimals.hundredths(value)).isEqualTo(BigDecimal.valueOf(value, 2).toPlainString());
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            long value = random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
            assertThat(Decimals.hundredths(value)).isEqualTo(BigDecimal.valueOf(value, 2).toPlainString());
        }
    }

    @Test
    void theSmallestLongIsFormattedToo() {
        assertThat(Decimals.hundredths(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
    }
}
