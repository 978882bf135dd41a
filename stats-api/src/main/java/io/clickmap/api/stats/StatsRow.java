package io.clickmap.api.stats;

/** One group of clicks as storage returns it: how many, of which chain (and its cityHash64), of which event. */
record StatsRow(long count, long chainHash, String event, String chain) {

    /** The hash as the API shows it: lower-case hex of the unsigned value, no leading zeros. */
    String hashHex() {
        return Long.toUnsignedString(chainHash, 16);
    }
}
