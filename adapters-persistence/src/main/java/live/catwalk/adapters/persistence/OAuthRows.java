package live.catwalk.adapters.persistence;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthClientsRecord;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthCodesRecord;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthGrantsRecord;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthTokensRecord;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

/** The OAuth records to and from their rows: redirect URIs one per line, scopes space-separated and sorted. */
final class OAuthRows {

    private OAuthRows() {
    }

    static OauthClientsRecord client(OAuthClient c) {
        var row = new OauthClientsRecord();
        row.setId(c.id().value());
        row.setName(c.name());
        row.setRedirectUris(c.redirectUris().stream().map(URI::toString).collect(Collectors.joining("\n")));
        row.setAuthMethod(c.authMethod().name());
        row.setSecretHash(c.secretHash().map(TokenHash::hex).orElse(null));
        row.setKind(c.kind().name());
        row.setCreatedAt(Times.toDb(c.createdAt()));
        row.setLastUsedAt(Times.toDb(c.lastUsedAt().orElse(null)));
        return row;
    }

    static OAuthClient client(OauthClientsRecord row) {
        return new OAuthClient(new OAuthClientId(row.getId()), row.getName(),
                Arrays.stream(row.getRedirectUris().split("\n")).map(URI::create).toList(),
                ClientAuthMethod.valueOf(row.getAuthMethod()), Optional.ofNullable(row.getSecretHash()).map(TokenHash::new),
                ClientKind.valueOf(row.getKind()), Times.fromDb(row.getCreatedAt()),
                Optional.ofNullable(Times.fromDb(row.getLastUsedAt())));
    }

    static OauthGrantsRecord grant(Grant g) {
        var row = new OauthGrantsRecord();
        row.setId(g.id().value());
        row.setUserId(g.user().value());
        row.setClientId(g.client().value());
        row.setDeploymentId(g.deployment().value());
        row.setScopes(scopes(g.scopes()));
        row.setLive(g.isLive() ? Boolean.TRUE : null);
        row.setCreatedAt(Times.toDb(g.createdAt()));
        row.setLastUsedAt(Times.toDb(g.lastUsedAt().orElse(null)));
        row.setRevokedAt(Times.toDb(g.revokedAt().orElse(null)));
        return row;
    }

    static Grant grant(OauthGrantsRecord row) {
        return new Grant(new GrantId(row.getId()), new UserId(row.getUserId()), new OAuthClientId(row.getClientId()),
                new DeploymentId(row.getDeploymentId()), scopes(row.getScopes()), Times.fromDb(row.getCreatedAt()),
                Optional.ofNullable(Times.fromDb(row.getLastUsedAt())),
                Optional.ofNullable(Times.fromDb(row.getRevokedAt())));
    }

    static OauthCodesRecord code(AuthorizationCode c) {
        var row = new OauthCodesRecord();
        row.setHash(c.hash().hex());
        row.setGrantId(c.grant().value());
        row.setRedirectUri(c.redirectUri().toString());
        row.setCodeChallenge(c.codeChallenge());
        row.setResource(c.resource().toString());
        row.setScopes(scopes(c.scopes()));
        row.setExpiresAt(Times.toDb(c.expiresAt()));
        row.setUsedAt(Times.toDb(c.usedAt().orElse(null)));
        return row;
    }

    static AuthorizationCode code(OauthCodesRecord row) {
        return new AuthorizationCode(new TokenHash(row.getHash()), new GrantId(row.getGrantId()),
                URI.create(row.getRedirectUri()), row.getCodeChallenge(), URI.create(row.getResource()),
                scopes(row.getScopes()), Times.fromDb(row.getExpiresAt()),
                Optional.ofNullable(Times.fromDb(row.getUsedAt())));
    }

    static OauthTokensRecord token(OAuthToken t) {
        var row = new OauthTokensRecord();
        row.setHash(t.hash().hex());
        row.setKind(t.kind().name());
        row.setGrantId(t.grant().value());
        row.setResource(t.resource().toString());
        row.setScopes(scopes(t.scopes()));
        row.setIssuedAt(Times.toDb(t.issuedAt()));
        row.setExpiresAt(Times.toDb(t.expiresAt()));
        row.setUsedAt(Times.toDb(t.usedAt().orElse(null)));
        row.setRevokedAt(Times.toDb(t.revokedAt().orElse(null)));
        row.setFromCode(t.fromCode().map(TokenHash::hex).orElse(null));
        return row;
    }

    static OAuthToken token(OauthTokensRecord row) {
        return new OAuthToken(new TokenHash(row.getHash()), OAuthTokenKind.valueOf(row.getKind()),
                new GrantId(row.getGrantId()), URI.create(row.getResource()), scopes(row.getScopes()),
                Times.fromDb(row.getIssuedAt()), Times.fromDb(row.getExpiresAt()),
                Optional.ofNullable(Times.fromDb(row.getUsedAt())), Optional.ofNullable(Times.fromDb(row.getRevokedAt())),
                Optional.ofNullable(row.getFromCode()).map(TokenHash::new));
    }

    private static String scopes(Set<String> scopes) {
        return scopes.stream().sorted().collect(Collectors.joining(" "));
    }

    private static Set<String> scopes(String column) {
        return Set.of(column.split(" "));
    }
}
