package io.clickmap.ingest.store;

/**
 * Whether a batch whose insert failed ambiguously (timeout, connection lost after sending) is stored,
 * judged from how many of its rows ClickHouse holds. An insert is one part, so anything between
 * none and all means the storage contract itself is broken.
 */
public enum BatchStatus {
    STORED,
    NOT_STORED,
    PARTLY_STORED;

    public static BatchStatus of(long rowsFound, int rowsInBatch) {
        if (rowsFound == 0) {
            return NOT_STORED;
        }
        return rowsFound == rowsInBatch ? STORED : PARTLY_STORED;
    }
}
