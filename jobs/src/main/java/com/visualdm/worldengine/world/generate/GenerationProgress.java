package com.visualdm.worldengine.world.generate;

/** What world generation reports as it goes; called from several threads. */
public interface GenerationProgress {

    /** A table (or load table) is complete with this many rows. */
    void tableDone(String table, long rows);

    /** A step without rows of its own (index builds, statistics) is complete. */
    void step(String description);

    /** Long phases report their running count against an estimate. */
    void rows(String phase, long done, long expected);

    GenerationProgress SILENT = new GenerationProgress() {
        @Override
        public void tableDone(String table, long rows) {
        }

        @Override
        public void step(String description) {
        }

        @Override
        public void rows(String phase, long done, long expected) {
        }
    };
}
