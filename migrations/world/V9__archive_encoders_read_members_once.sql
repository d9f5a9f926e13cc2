-- Faster encoders for format 3 (the format does not change: they accept exactly the values format 2's did).
-- Format 2's found a date's hour and minute, and a member's uuid, by cutting the value's text apart with
-- split_part() and regular expressions: about 1.4 microseconds a row for a date. These take the members as the
-- packing query reads them from the JSONB value (->>, once per row, beside the value's text), check them with
-- plain string functions, and compare the value's text with the text the decoder's value has (jsonb orders
-- keys by length, then bytewise), so 12.0 never passes for 12 and nothing but the expected members passes.
--
-- The uuid check is stricter than before: a 36-character run of hyphens and hex digits with hyphens at the
-- uuid's places could still hold a hyphen elsewhere and make the cast fail; only a canonical lower-case uuid
-- passes now.

DROP FUNCTION archive_date_minute(text, integer);
DROP FUNCTION archive_uuid_member(text, text);

-- The minute of the day of a game date, given the text of its JSONB value (p_date::text) and its members hour
-- and minute (p_date->>'hour', p_date->>'minute'), if the date is exactly what archive_date(p_world_day, minute)
-- rebuilds: an hour of one or two digits, a minute from 0 to 59.
CREATE FUNCTION archive_date_minute(p_date text, p_hour text, p_minute text, p_world_day integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN length(p_hour) BETWEEN 1 AND 2 AND ltrim(p_hour, '0123456789') = ''
         AND length(p_minute) BETWEEN 1 AND 2 AND ltrim(p_minute, '0123456789') = ''
         AND (length(p_minute) = 1 OR p_minute COLLATE "C" < '6')
         AND p_date = '{"day": ' || (p_world_day % 30 + 1)::text || ', "hour": ' || p_hour || ', "year": ' || (p_world_day / 360 + 1)::text
                      || ', "month": ' || (p_world_day % 360 / 30 + 1)::text || ', "minute": ' || p_minute || '}'
        THEN (p_hour::integer * 60 + p_minute::integer)::smallint
    END
$$;

-- The uuid of a JSONB value, given its text (p_value::text) and its member p_key (p_value->>p_key), if the value
-- is exactly {p_key: "<canonical lower-case uuid>"}, so that jsonb_build_object(p_key, uuid::text) gives it back;
-- NULL for any other value. p_key is a plain name (no character JSON escapes); any other key never matches.
CREATE FUNCTION archive_uuid_member(p_value text, p_member text, p_key text) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN p_member LIKE '________-____-____-____-____________'
         AND length(replace(p_member, '-', '')) = 32 AND ltrim(p_member, '-0123456789abcdef') = ''
         AND p_value = '{"' || p_key || '": "' || p_member || '"}'
        THEN p_member::uuid
    END
$$;
