package io.clickmap.api.web;

/** {@code offset} of the paged answers (stats and the elements list): an integer from {@link #MIN} to {@link #MAX}. */
public final class OffsetParameter {
    public static final long MIN = 0;
    // Far beyond any real page, small enough that offset + limit stays exact in every integer type involved.
    public static final long MAX = 1_000_000_000_000L;
    public static final long DEFAULT = 0;

    private OffsetParameter() {
    }

    /** The offset, {@link #DEFAULT} when absent; anything else than an integer in range is a 400. */
    public static long parse(String raw) {
        return raw == null ? DEFAULT : IntegerParameter.parse(raw, "offset", MIN, MAX);
    }
}
