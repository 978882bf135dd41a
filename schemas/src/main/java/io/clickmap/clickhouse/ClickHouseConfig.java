package io.clickmap.clickhouse;

/** Where Clickmap's tables live. Checked at construction so a bad setting fails start-up with its name. */
public record ClickHouseConfig(String url, String database, String user, String password) {
    // Both services' defaults. 127.0.0.1, not localhost: where localhost resolves to ::1 first, a ClickHouse
    // listening on IPv4 alone would not answer.
    public static final String DEFAULT_URL = "http://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "clickmap";
    public static final String DEFAULT_USER = "default";

    public ClickHouseConfig {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, not '" + url + "'");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        SqlLiteral.identifier(database);
        user = user == null || user.isEmpty() ? DEFAULT_USER : user;
        password = password == null ? "" : password;
    }

    public ClickHouseConfig withDatabase(String other) {
        return new ClickHouseConfig(url, other, user, password);
    }

    @Override
    public String toString() {
        return url + "/" + database + " as " + user;
    }
}
