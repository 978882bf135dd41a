package io.clickmap.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs statements and reads their rows. Queries are answered as {@code JSONEachRow}, named in the SQL
 * text because ClickHouse 18.16 ignores the format header. Failures surface as the client's own
 * {@link ClickHouseException} subtypes, unwrapped from their futures, so callers can classify them.
 */
public final class ClickHouseSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;

    public ClickHouseSql(Client client) {
        this.client = client;
    }

    public Client client() {
        return client;
    }

    public void execute(String sql) {
        execute(sql, new CommandSettings());
    }

    /** Runs a statement in another database than the client's default (e.g. to create that database). */
    public void executeIn(String database, String sql) {
        CommandSettings settings = new CommandSettings();
        settings.setDatabase(database);
        settings.serverSetting("database", database);
        execute(sql, settings);
    }

    private void execute(String sql, CommandSettings settings) {
        try (CommandResponse ignored = await(client.execute(sql, settings))) {
            // the statement's effect is all there is; closing releases the connection
        } catch (Exception e) {
            throw unwrapped(e);
        }
    }

    /** The rows of a query, each mapped from its JSON object. 64-bit integers arrive as JSON strings. */
    public <T> List<T> query(String sql, Function<JsonNode, T> mapper) {
        return query(sql, new QuerySettings(), mapper);
    }

    /** As {@link #query(String, Function)}, in another database than the client's default (which may not exist yet). */
    public <T> List<T> queryIn(String database, String sql, Function<JsonNode, T> mapper) {
        QuerySettings settings = new QuerySettings().setDatabase(database);
        settings.serverSetting("database", database);
        return query(sql, settings, mapper);
    }

    /**
     * As {@link #query(String, Function)}, under a chosen query id (which {@code KILL QUERY} can name), stopped by the
     * server after {@code timeout}, and with a parse limit that fits the statement however long it is (a query may
     * carry long literal lists).
     */
    public <T> List<T> query(String sql, String queryId, Duration timeout, Function<JsonNode, T> mapper) {
        return query(sql, limited(queryId, sql, timeout), mapper);
    }

    /** Reads one row of an answer: the parser stands on the row's opening brace and is left on its closing one. */
    @FunctionalInterface
    public interface RowReader {
        void read(JsonParser row) throws IOException;
    }

    /**
     * As {@link #query(String, String, Duration, Function)}, each row handed to {@code reader} as it is parsed, with no
     * tree built: for answers of thousands of rows. 64-bit integers arrive as JSON numbers here.
     */
    public void stream(String sql, String queryId, Duration timeout, RowReader reader) {
        QuerySettings settings = limited(queryId, sql, timeout);
        settings.serverSetting("output_format_json_quote_64bit_integers", "0");
        read(sql, settings, reader);
    }

    private static QuerySettings limited(String queryId, String sql, Duration timeout) {
        QuerySettings settings = new QuerySettings().setQueryId(queryId);
        settings.serverSetting("max_query_size", String.valueOf(Math.max(262_144, sql.length() * 2L)));
        settings.serverSetting("max_execution_time", String.valueOf(Math.max(1, timeout.toSeconds())));
        return settings;
    }

    private <T> List<T> query(String sql, QuerySettings settings, Function<JsonNode, T> mapper) {
        List<T> result = new ArrayList<>();
        read(sql, settings, row -> result.add(mapper.apply(row.readValueAsTree())));
        return result;
    }

    private void read(String sql, QuerySettings settings, RowReader reader) {
        try (QueryResponse response = await(client.query(sql + "\nFORMAT JSONEachRow", settings));
             InputStream body = response.getInputStream();
             JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    throw new ClickHouseException("a JSONEachRow answer holds " + token + " where a row should start");
                }
                reader.read(parser);
            }
        } catch (IOException e) {
            throw new ClickHouseException("reading the answer to a query failed", e);
        } catch (Exception e) {
            throw unwrapped(e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while waiting for ClickHouse", e);
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        }
    }

    private static RuntimeException unwrapped(Throwable failure) {
        if (failure instanceof ExecutionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure instanceof RuntimeException runtime ? runtime : new ClickHouseException(failure);
    }
}
