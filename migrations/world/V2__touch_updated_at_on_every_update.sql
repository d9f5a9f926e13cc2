-- updated_at changes on every modification of a row, whoever writes it (the seed's promise; the Visual DM
-- application writes these tables too, so the database keeps it, not each writer).
-- clock_timestamp(), not now(): two updates in one transaction still move it.

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := clock_timestamp()::timestamp;
    RETURN NEW;
END
$$;

CREATE TRIGGER region_entities_touch_updated_at BEFORE UPDATE ON region_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER poi_entities_touch_updated_at BEFORE UPDATE ON poi_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER hex_entities_touch_updated_at BEFORE UPDATE ON hex_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER world_state_entities_touch_updated_at BEFORE UPDATE ON world_state_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER character_entities_touch_updated_at BEFORE UPDATE ON character_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER npc_entities_touch_updated_at BEFORE UPDATE ON npc_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER faction_entities_touch_updated_at BEFORE UPDATE ON faction_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER market_entities_touch_updated_at BEFORE UPDATE ON market_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER trade_entities_touch_updated_at BEFORE UPDATE ON trade_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER transaction_entities_touch_updated_at BEFORE UPDATE ON transaction_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER quest_entities_touch_updated_at BEFORE UPDATE ON quest_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER event_entities_touch_updated_at BEFORE UPDATE ON event_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER history_entities_touch_updated_at BEFORE UPDATE ON history_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER item_entities_touch_updated_at BEFORE UPDATE ON item_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER item_instance_entities_touch_updated_at BEFORE UPDATE ON item_instance_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER equipment_entities_touch_updated_at BEFORE UPDATE ON equipment_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER inventory_entities_touch_updated_at BEFORE UPDATE ON inventory_entities
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
