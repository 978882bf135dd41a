package io.clickmap.api.sharing;

import io.clickmap.api.auth.ShareGrant;
import io.clickmap.api.auth.ShareTokens;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * What a {@code sharing_access_token} grants on the insight API, as PostHog's token authentication decides: nothing
 * open behind it is a 403; a password-protected share grants nothing through its token (the page's password is
 * needed), so such a request is judged by its key, like one without a token.
 */
@Singleton
class TokenGrants implements ShareTokens {
    static final String INVALID = "Sharing access token is invalid.";

    private final OpenShares shares;

    TokenGrants(OpenShares shares) {
        this.shares = shares;
    }

    @Override
    public Optional<ShareGrant> grant(String token) {
        OpenShares.OpenShare share = shares.find(token, new ServerTiming()).orElseThrow(() -> ApiException.authenticationFailed(INVALID));
        if (share.state().passwordRequired()) {
            return Optional.empty();
        }
        return Optional.of(new ShareGrant(share.environmentId(), share.insightId(), SharingSettings.isOn(share.state().settingsJson(), "hideExtraDetails")));
    }
}
