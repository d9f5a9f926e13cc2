package com.visualdm.worldengine.population;

import java.util.Locale;

/** The states of a place ({@code poi_entities.current_state.state}) and the rules that move it, one step a day. */
enum PoiState {
    ACTIVE, GROWING, DECLINING, ABANDONED, RUINS, REPOPULATING;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PoiState ofLabel(String label) {
        for (PoiState state : values()) {
            if (state.label().equals(label)) {
                return state;
            }
        }
        return ACTIVE;
    }

    /** What a place is in after today. {@code invested}: its faction pays to repopulate it, if it is abandoned. */
    PoiState next(long population, long capacity, boolean poor, boolean rich, int daysInState, boolean invested,
                  PopulationProperties properties) {
        double share = capacity <= 0 ? 0 : (double) population / capacity;
        return switch (this) {
            case ACTIVE, GROWING, DECLINING -> {
                if (population <= 0) {
                    yield ABANDONED;
                }
                if (share < properties.decliningBelow() && poor) {
                    yield DECLINING;
                }
                if (share > properties.growingAbove() && rich) {
                    yield GROWING;
                }
                yield ACTIVE;
            }
            case ABANDONED -> daysInState >= properties.ruinsAfterDays() ? RUINS : invested ? REPOPULATING : ABANDONED;
            case REPOPULATING -> share >= properties.repopulatedAt() ? ACTIVE : REPOPULATING;
            case RUINS -> RUINS;
        };
    }
}
