package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.sharing.SharingState.RetiredToken;
import io.clickmap.api.sharing.SharingState.SharePassword;
import io.clickmap.api.web.ServerTiming;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code insight_sharing} table and its token index (V012). A write is one inserted row, the insight's next
 * sharing version; the current state is its highest version. Values reach SQL only through {@link SqlTemplate}'s
 * literals; ClickHouse failures pass through.
 */
@Singleton
class SharingStore {
    private static final String COLUMNS = "created_at, enabled, access_token, settings, password_required, password_ids, password_hashes, "
            + "password_notes, password_created_at, password_created_by, retired_tokens, retired_until";
    private static final SqlTemplate CURRENT = SqlTemplate.of("SELECT " + COLUMNS + " FROM insight_sharing "
            + "WHERE team_id = {team} AND insight_id = {insight} ORDER BY version DESC LIMIT 1");
    private static final SqlTemplate BY_TOKEN = SqlTemplate.of(
            "SELECT team_id, insight_id FROM insight_sharing_tokens WHERE access_token = {token} LIMIT 1");
    private static final SqlTemplate INSERT = SqlTemplate.of("""
            INSERT INTO insight_sharing (team_id, insight_id, version, created_at, enabled, access_token, settings, password_required,
                                         password_ids, password_hashes, password_notes, password_created_at, password_created_by,
                                         retired_tokens, retired_until, written_by, activity)
            VALUES ({team}, {insight}, {version}, {created_at}, {enabled}, {token}, {settings}, {password_required},
                    {password_ids}, {password_hashes}, {password_notes}, {password_created_at}, {password_created_by},
                    {retired_tokens}, {retired_until}, {written_by}, {activity})""");

    /** Where a token points: an insight of an environment. */
    record TokenOwner(long environmentId, long insightId) {
    }

    private final ClickHouseSql sql;

    SharingStore(ClickHouseSql sql) {
        this.sql = sql;
    }

    /** The insight's current sharing state; {@link SharingState#NONE} when it was never shared. */
    SharingState current(long environmentId, long insightId, ServerTiming timing) {
        String query = CURRENT.bind("team", environmentId).bind("insight", insightId).render();
        return timing.clickHouse(() -> sql.query(query, SharingStore::state)).stream().findFirst().orElse(SharingState.NONE);
    }

    Optional<TokenOwner> owner(String token) {
        String query = BY_TOKEN.bind("token", token).render();
        return sql.query(query, row -> new TokenOwner(row.get("team_id").asLong(), row.get("insight_id").asLong())).stream().findFirst();
    }

    void save(long environmentId, long insightId, SharingState state, long user, String activity, ServerTiming timing) {
        List<SharePassword> passwords = state.passwords();
        String statement = INSERT.bind("team", environmentId)
                .bind("insight", insightId)
                .bind("version", Versions.next())
                .bind("created_at", Micros.of(state.createdAt()))
                .bind("enabled", state.enabled())
                .bind("token", state.accessToken())
                .bind("settings", state.settingsJson() == null ? "" : state.settingsJson())
                .bind("password_required", state.passwordRequired())
                .bind("password_ids", passwords.stream().map(password -> String.valueOf(password.id())).toList())
                .bind("password_hashes", passwords.stream().map(SharePassword::hash).toList())
                .bind("password_notes", passwords.stream().map(SharePassword::note).toList())
                .bind("password_created_at", passwords.stream().map(password -> Micros.of(password.createdAt())).toList())
                .bind("password_created_by", passwords.stream().map(SharePassword::createdBy).toList())
                .bind("retired_tokens", state.retiredTokens().stream().map(RetiredToken::token).toList())
                .bind("retired_until", state.retiredTokens().stream().map(retired -> Micros.of(retired.until())).toList())
                .bind("written_by", user)
                .bind("activity", activity)
                .render();
        timing.clickHouse(() -> {
            sql.execute(statement);
            return null;
        });
    }

    private static SharingState state(JsonNode row) {
        List<SharePassword> passwords = new ArrayList<>();
        JsonNode ids = row.get("password_ids");
        for (int i = 0; i < ids.size(); i++) {
            passwords.add(new SharePassword(ids.get(i).asLong(), row.get("password_hashes").get(i).asText(), row.get("password_notes").get(i).asText(),
                    Micros.instant(row.get("password_created_at").get(i).asLong()), row.get("password_created_by").get(i).asLong()));
        }
        List<RetiredToken> retired = new ArrayList<>();
        JsonNode tokens = row.get("retired_tokens");
        for (int i = 0; i < tokens.size(); i++) {
            retired.add(new RetiredToken(tokens.get(i).asText(), Micros.instant(row.get("retired_until").get(i).asLong())));
        }
        String settings = row.get("settings").asText();
        return new SharingState(Micros.instant(row.get("created_at").asLong()), row.get("enabled").asInt() == 1, row.get("access_token").asText(),
                settings.isEmpty() ? null : settings, row.get("password_required").asInt() == 1, passwords, retired);
    }
}
