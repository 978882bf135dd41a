package io.clickmap.testing;

/** A server someone else runs ({@code CLICKHOUSE_URL}); tests may create databases in it but not stop it. */
record ExternalClickHouse(String httpUrl, String user, String password) implements ClickHouseServer {

    static ExternalClickHouse fromEnvironment(String url) {
        String user = System.getenv().getOrDefault("CLICKHOUSE_USER", "default");
        String password = System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", "");
        return new ExternalClickHouse(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, user, password);
    }

    @Override
    public boolean canStop() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("CLICKHOUSE_URL points to a server these tests do not own");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("CLICKHOUSE_URL points to a server these tests do not own");
    }

    @Override
    public String logLocation() {
        return "";
    }

    @Override
    public void close() {
    }
}
