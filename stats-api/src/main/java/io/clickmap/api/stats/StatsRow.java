package io.clickmap.api.stats;

/**
 * One group of clicks as storage returns it: how many, of which chain (its text and cityHash64), of which event.
 * {@code chain} is null when the rollup named a chain whose text could not be found (see {@link ChainTextLookup}).
 */
record StatsRow(long count, long chainHash, String event, String chain) {

    /** The hash as the API shows it: lower-case hex of the unsigned value, no leading zeros. */
    String hashHex() {
        return Long.toUnsignedString(chainHash, 16);
    }
}
