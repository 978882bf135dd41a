package io.clickmap.api.sharing;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.insights.InsightDirectory;
import io.clickmap.api.insights.InsightSummary;
import io.clickmap.api.sharing.OpenShares.OpenShare;
import io.clickmap.api.sharing.SharingState.SharePassword;
import io.clickmap.api.trends.RefreshMode;
import io.clickmap.api.trends.TrendsAnswer;
import io.clickmap.api.trends.TrendsResults;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /shared/{token}}: the page anyone with the link opens, without a key, showing that one insight and
 * nothing else; {@code POST} with the right password of a protected share sets an HTTP-only session cookie for
 * 24 hours ({@link ShareSessions}), a wrong one is a 401 {@code {"error":"Incorrect password"}}. A token that opens
 * nothing (unknown, disabled, past its grace, its insight deleted) is a 404 page. The result is computed when the
 * cache has none or a stale one, as PostHog's shared insights are.
 */
@Controller("/shared")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharedPageController {
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final OpenShares shares;
    private final InsightDirectory insights;
    private final TrendsResults trends;
    private final Clock clock;

    public SharedPageController(OpenShares shares, InsightDirectory insights, TrendsResults trends, Clock clock) {
        this.shares = shares;
        this.insights = insights;
        this.trends = trends;
        this.clock = clock;
    }

    @Get("/{token}")
    public HttpResponse<?> page(HttpRequest<?> request, @PathVariable String token) {
        ServerTiming timing = new ServerTiming();
        Optional<Shared> shared = shared(token, timing);
        if (shared.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, SharedPage.notFound());
        }
        OpenShare share = shared.get().share();
        if (share.state().passwordRequired() && !unlocked(request, share)) {
            return html(HttpStatus.OK, SharedPage.passwordForm(token, false));
        }
        return html(HttpStatus.OK, render(share, shared.get().insight(), timing));
    }

    @Post("/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public HttpResponse<?> unlock(HttpRequest<?> request, @PathVariable String token, @Nullable @Body byte[] body) {
        Optional<Shared> shared = shared(token, new ServerTiming());
        if (shared.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, SharedPage.notFound());
        }
        OpenShare share = shared.get().share();
        boolean browser = request.getHeaders().accept().stream().anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE));
        if (!share.state().passwordRequired()) {
            return HttpResponse.seeOther(URI.create("/shared/" + token)).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        String attempt = UnlockForm.password(request.getContentType().orElse(MediaType.APPLICATION_FORM_URLENCODED_TYPE), body);
        Optional<SharePassword> matched = attempt == null ? Optional.empty()
                : share.state().passwords().stream().filter(password -> SharePasswords.matches(attempt, password.hash())).findFirst();
        if (matched.isEmpty()) {
            return browser ? html(HttpStatus.UNAUTHORIZED, SharedPage.passwordForm(token, true))
                    : HttpResponse.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Incorrect password")).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        String session = ShareSessions.mint(share, matched.get(), clock.instant());
        Cookie cookie = Cookie.of(ShareSessions.COOKIE, session).path("/shared/" + token).httpOnly(true).maxAge(ShareSessions.LIFETIME)
                .sameSite(io.micronaut.http.cookie.SameSite.Lax).secure(isHttps(request));
        MutableHttpResponse<?> response = browser ? HttpResponse.seeOther(URI.create("/shared/" + token)) : HttpResponse.ok(Map.of("shareToken", session));
        return response.cookie(cookie).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private record Shared(OpenShare share, InsightSummary insight) {
    }

    private Optional<Shared> shared(String token, ServerTiming timing) {
        return shares.find(token, timing).flatMap(share -> insights.find(share.environmentId(), share.insightId(), timing)
                .filter(insight -> !insight.deleted()).map(insight -> new Shared(share, insight)));
    }

    private boolean unlocked(HttpRequest<?> request, OpenShare share) {
        return request.getCookies().findCookie(ShareSessions.COOKIE).map(cookie -> ShareSessions.opens(cookie.getValue(), share, clock.instant()))
                .orElse(false);
    }

    private String render(OpenShare share, InsightSummary insight, ServerTiming timing) {
        String settings = share.state().settingsJson();
        Instant changed = insight.lastModifiedAt();
        SharedPage.Shown shown = new SharedPage.Shown(insight.displayName(), insight.description(),
                SharingSettings.isOn(settings, "hideExtraDetails") ? null : UPDATED.format(changed), !SharingSettings.isOn(settings, "noHeader"),
                SharingSettings.isOn(settings, "whitelabel"));
        if (insight.queryJson() == null) {
            return SharedPage.message(shown, "This insight has no query yet, so there is no result to show.");
        }
        TrendsAnswer answer;
        try {
            answer = trends.answer(share.environmentId(), insight.queryJson(), RefreshMode.BLOCKING, UUID.randomUUID().toString(), timing);
        } catch (ApiException e) {
            return SharedPage.message(shown, e.status() == HttpStatus.TOO_MANY_REQUESTS ? "The result is being computed; reload the page in a moment."
                    : "Clickmap cannot compute this insight's query: " + e.getMessage());
        }
        if (answer.resultJson() == null || answer.items().isEmpty()) {
            return SharedPage.message(shown, "There is no result yet for this insight.");
        }
        // A total-value display gives each item one aggregated value instead of a value per bucket.
        if (answer.items().get(0).aggregatedValue() != null) {
            return SharedPage.numbers(shown, answer.items());
        }
        return SharedPage.chart(shown, answer.items(), ChartKind.isBar(insight.queryJson()));
    }

    private static boolean isHttps(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    private static MutableHttpResponse<String> html(HttpStatus status, String page) {
        return HttpResponse.<String>status(status).body(page).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", SharedPage.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                // The token is in the URL: a link on the page must not hand it to another site. (Not no-referrer: with it a
                // browser sends the password form with "Origin: null", which Micronaut refuses on localhost.)
                .header("Referrer-Policy", "same-origin");
    }
}
