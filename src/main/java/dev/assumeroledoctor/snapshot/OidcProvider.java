package dev.assumeroledoctor.snapshot;

import java.util.List;

/** An IAM OIDC identity provider: {@code url} without scheme is the prefix of its claim keys. */
public record OidcProvider(String arn, String url, List<String> clientIds) {
    public OidcProvider {
        clientIds = List.copyOf(clientIds);
    }

    /** The provider's host and path, e.g. {@code token.actions.githubusercontent.com}. */
    public String issuer() {
        return url.replaceFirst("^https://", "");
    }
}
