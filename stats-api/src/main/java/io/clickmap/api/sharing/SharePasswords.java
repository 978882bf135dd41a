package io.clickmap.api.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Share passwords: the {@code POST …/sharing/passwords/} body, the password made when none is sent, and the bcrypt
 * hash that is all ClickHouse ever holds. Only the {@link BCrypt} class is used, not Spring's encoder, which
 * would need commons-logging on the class path.
 */
final class SharePasswords {
    static final int MIN_LENGTH = 8;
    // bcrypt reads at most 72 bytes of a password; a longer one would be cut silently, so it is refused.
    static final int MAX_BYTES = 72;
    static final int MAX_NOTE = 100;
    // Spring's default cost: about 0.1 s a hash here, for each create and each unlock attempt.
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SharePasswords() {
    }

    /** What a create asks for: the password (null: make one) and the note ("" for none). */
    record Request(String rawPassword, String note) {
    }

    static Request parse(byte[] body) {
        JsonNode json = JsonBody.read(body);
        if (!json.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object.");
        }
        String password = text(json, "raw_password");
        if (password != null && !password.isEmpty()) {
            if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
                throw ApiException.invalid("raw_password", "Password must be at least " + MIN_LENGTH + " characters long.");
            }
            if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw ApiException.invalid("raw_password", "Password must be at most " + MAX_BYTES + " bytes long (UTF-8).");
            }
        }
        String note = text(json, "note");
        if (note != null) {
            JsonBody.bounded(note, "note", MAX_NOTE, "Ensure this field has no more than " + MAX_NOTE + " characters.");
        }
        return new Request(password == null || password.isEmpty() ? null : password, note == null ? "" : note);
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(name, "Not a valid string.");
        }
        return JsonBody.unicode(value.textValue(), name);
    }

    /** A password for a share that was given none: 12 random bytes, URL-safe (16 characters). */
    static String generate() {
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(COST, RANDOM));
    }

    /** Whether {@code attempt} is the password behind {@code hash}; an attempt bcrypt cannot take (over 72 bytes) is not. */
    static boolean matches(String attempt, String hash) {
        if (attempt.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.checkpw(attempt, hash);
    }
}
