package io.clickmap.clickhouse;

/** Where Clickmap's tables live. Checked at construction so a bad setting fails start-up with its name. */
public record ClickHouseConfig(String url, String database, String user, String password) {
    public static final String DEFAULT_DATABASE = "clickmap";

    public ClickHouseConfig {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, not '" + url + "'");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        SqlLiteral.identifier(database);
        user = user == null || user.isEmpty() ? "default" : user;
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
