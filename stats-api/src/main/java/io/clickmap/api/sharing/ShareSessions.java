package io.clickmap.api.sharing;

import io.clickmap.api.sharing.OpenShares.OpenShare;
import io.clickmap.api.sharing.SharingState.SharePassword;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie a right password earns: {@code <password id>.<expiry, epoch seconds>.<HMAC-SHA256>}, valid for
 * {@link #LIFETIME}. The MAC's key is the password's stored bcrypt hash, a secret only ClickHouse holds: every
 * stats-api instance can check a cookie without a shared secret of its own or a session table, nobody without the
 * hash can make one, and deleting the password ends its sessions. It names the share (environment, insight, token),
 * so it opens nothing else.
 */
final class ShareSessions {
    static final String COOKIE = "clickmap_share_session";
    static final Duration LIFETIME = Duration.ofHours(24);

    private ShareSessions() {
    }

    static String mint(OpenShare share, SharePassword password, Instant now) {
        long expiry = now.plus(LIFETIME).getEpochSecond();
        return password.id() + "." + expiry + "." + mac(share, password, expiry);
    }

    /** Whether a cookie's value opens this share at {@code now}. */
    static boolean opens(String cookie, OpenShare share, Instant now) {
        String[] parts = cookie == null ? new String[0] : cookie.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        Optional<SharePassword> password = share.state().passwords().stream().filter(stored -> String.valueOf(stored.id()).equals(parts[0])).findFirst();
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (password.isEmpty() || expiry <= now.getEpochSecond() || expiry > now.plus(LIFETIME).getEpochSecond()) {
            return false;
        }
        byte[] expected = mac(share, password.get(), expiry).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(OpenShare share, SharePassword password, long expiry) {
        String message = String.join("\n", "clickmap share session", String.valueOf(share.environmentId()), String.valueOf(share.insightId()),
                share.token(), String.valueOf(password.id()), String.valueOf(expiry));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password.hash().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
