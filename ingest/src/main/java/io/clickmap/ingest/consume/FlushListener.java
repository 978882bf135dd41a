package io.clickmap.ingest.consume;

/**
 * Told when a flush has stored its rows and is about to commit their offsets: the moment a crash
 * would leave rows stored but not committed. Tests use it to crash there on purpose.
 */
@FunctionalInterface
public interface FlushListener {
    FlushListener NONE = rows -> {
    };

    void storedBeforeCommit(int rows);
}
