package io.clickmap.clickhouse;

/**
 * Where Clickmap's tables live. Checked at construction so a bad setting fails start-up with its name.
 *
 * @param cluster the {@code remote_servers} cluster the tables are spread over (docs/cluster.md), or empty for one server
 */
public record ClickHouseConfig(String url, String database, String user, String password, String cluster) {
    // Both services' defaults. 127.0.0.1, not localhost: where localhost resolves to ::1 first, a ClickHouse
    // listening on IPv4 alone would not answer.
    public static final String DEFAULT_URL = "http://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "clickmap";
    public static final String DEFAULT_USER = "default";
    public static final String DEFAULT_CLUSTER = "";

    public ClickHouseConfig {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, not '" + url + "'");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        SqlLiteral.identifier(database);
        user = user == null || user.isEmpty() ? DEFAULT_USER : user;
        password = password == null ? "" : password;
        cluster = cluster == null ? DEFAULT_CLUSTER : cluster.strip();
        if (!cluster.isEmpty()) {
            requireClusterName(cluster);
        }
    }

    /** One server, no cluster. */
    public ClickHouseConfig(String url, String database, String user, String password) {
        this(url, database, user, password, DEFAULT_CLUSTER);
    }

    static String requireClusterName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("ClickHouse cluster must be the name of a remote_servers entry (letters, digits, _), not '"
                    + name + "'");
        }
        return name;
    }

    public boolean clustered() {
        return !cluster.isEmpty();
    }

    public ClickHouseConfig withDatabase(String other) {
        return new ClickHouseConfig(url, other, user, password, cluster);
    }

    @Override
    public String toString() {
        return url + "/" + database + " as " + user + (clustered() ? " on cluster " + cluster : "");
    }
}
