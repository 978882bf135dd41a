package io.clickmap.api.sharing;

import io.clickmap.api.trends.TrendsItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The HTML of the shared-insight page: the insight's name and description, and its result drawn — a chart
 * ({@link TrendChart}) for a trend over time, big numbers for a total-value display, or a sentence saying why
 * there is nothing to draw; and the password form of a protected share. No script at all: the one style sheet is
 * allowed by its hash in the Content-Security-Policy ({@link #CONTENT_SECURITY_POLICY}).
 */
final class SharedPage {
    private static final String STYLE = """
            body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f9fafb}
            main{max-width:1000px;margin:24px auto;padding:24px;background:#fff;border:1px solid #e5e7eb;border-radius:8px}
            h1{font-size:22px;margin:0 0 4px}
            .description{color:#4b5563;margin:0 0 8px}
            .updated{color:#6b7280;font-size:13px;margin:0 0 16px}
            .chart{width:100%;height:auto;display:block}
            .chart text{font-size:12px;fill:#4b5563}
            .legend{list-style:none;padding:0;margin:12px 0 0;display:flex;flex-wrap:wrap;gap:8px 20px}
            .legend li{display:flex;align-items:center;gap:6px}
            .swatch{width:12px;height:12px}
            .numbers{display:flex;flex-wrap:wrap;gap:24px;margin:16px 0}
            .number .value{font-size:56px;font-weight:700;line-height:1.1}
            .number .name{color:#4b5563}
            .message{color:#4b5563;padding:48px 0;text-align:center}
            form{display:flex;gap:8px;margin:16px 0}
            input[type=password]{flex:1;padding:8px;border:1px solid #d1d5db;border-radius:6px;font:inherit}
            button{padding:8px 16px;border:0;border-radius:6px;background:#1d4aff;color:#fff;font:inherit;cursor:pointer}
            .error{color:#b91c1c}
            footer{color:#9ca3af;font-size:12px;text-align:center;margin:12px 0}
            """;
    /**
     * No script, no other origin; the style sheet by its hash; forms only back here. Framing stays allowed, as PostHog
     * allows it for shared insights (they are embedded in other sites' pages).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; img-src data:; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors *";

    private SharedPage() {
    }

    /** What the page shows of the insight, already decided by the controller. */
    record Shown(String name, String description, String updated, boolean header, boolean whitelabel) {
    }

    static String chart(Shown shown, List<TrendsItem> items, boolean bars) {
        return document(shown, TrendChart.svg(items, bars) + TrendChart.legend(items));
    }

    static String numbers(Shown shown, List<TrendsItem> items) {
        StringBuilder numbers = new StringBuilder("<div class=\"numbers\">\n");
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        for (TrendsItem item : items) {
            Number value = item.aggregatedValue() == null ? item.count() : item.aggregatedValue();
            numbers.append("<div class=\"number series\" data-label=\"").append(Html.text(item.label())).append("\" data-value=\"").append(value)
                    .append("\"><div class=\"value\">").append(Html.text(format.format(value))).append("</div><div class=\"name\">")
                    .append(Html.text(TrendChart.name(item))).append("</div></div>\n");
        }
        return document(shown, numbers.append("</div>\n").toString());
    }

    static String message(Shown shown, String message) {
        return document(shown, "<p class=\"message\" id=\"no-result\">" + Html.text(message) + "</p>\n");
    }

    static String passwordForm(String token, boolean wrong) {
        String form = "<h1>This insight is password protected</h1>\n"
                + "<p class=\"description\">Enter the password you were given to see it.</p>\n"
                + (wrong ? "<p class=\"error\" id=\"incorrect\">Incorrect password</p>\n" : "")
                + "<form method=\"post\" action=\"/shared/" + Html.text(token) + "\">"
                + "<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required aria-label=\"Password\">"
                + "<button type=\"submit\" id=\"unlock\">View insight</button></form>\n";
        return page("Password protected insight", form, false);
    }

    static String notFound() {
        return page("Not found", "<h1>This shared insight is not available</h1>\n"
                + "<p class=\"description\">The link may have been turned off or replaced by a newer one.</p>\n", false);
    }

    private static String document(Shown shown, String result) {
        StringBuilder body = new StringBuilder();
        if (shown.header()) {
            body.append("<h1 id=\"name\">").append(Html.text(shown.name() == null ? "Untitled insight" : shown.name())).append("</h1>\n");
            if (shown.description() != null && !shown.description().isBlank()) {
                body.append("<p class=\"description\" id=\"description\">").append(Html.text(shown.description())).append("</p>\n");
            }
            if (shown.updated() != null) {
                body.append("<p class=\"updated\">Last changed ").append(Html.text(shown.updated())).append("</p>\n");
            }
        }
        body.append(result);
        return page(shown.name() == null ? "Shared insight" : shown.name(), body.toString(), shown.whitelabel());
    }

    private static String page(String title, String body, boolean whitelabel) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + Html.text(title) + "</title><style>" + STYLE + "</style></head>\n<body><main>\n" + body + "</main>\n"
                + (whitelabel ? "" : "<footer>Shared with Clickmap</footer>\n") + "</body></html>\n";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
