package dev.assumeroledoctor.inspect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The SDK clients: built once per container and per account, shared, thread-safe, never closed in
 * a Lambda. URL-connection HTTP client only (cold start); standard retry mode, so IAM's per-account
 * throttling is retried with backoff; every call bounded by the configured timeout.
 */
final class AwsClients {
    private static final String SESSION_NAME = "assume-role-doctor";
    private final InspectorConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final StsClient sts;
    private final Map<String, IamClient> iamByAccount = new ConcurrentHashMap<>();
    private volatile GetCallerIdentityResponse self;
    private volatile OrganizationsClient organizations;

    AwsClients(InspectorConfig config) {
        this.config = config;
        this.sts = configure(StsClient.builder(), config.region(), "sts").credentialsProvider(config.credentials()).build();
    }

    /** Who the inspector is: its account is read with its own credentials. */
    GetCallerIdentityResponse self() {
        if (self == null) {
            try {
                self = sts.getCallerIdentity();
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw new InspectionFault("sts:GetCallerIdentity", e);
            }
        }
        return self;
    }

    IamClient iam(String accountId) {
        return iamByAccount.computeIfAbsent(accountId, account -> configure(IamClient.builder(), Region.AWS_GLOBAL, "iam")
                .credentialsProvider(credentialsFor(account)).build());
    }

    OrganizationsClient organizations() {
        if (organizations == null) {
            synchronized (this) {
                if (organizations == null) {
                    AwsCredentialsProvider credentials = config.organizationRoleArn()
                            .<AwsCredentialsProvider>map(this::assume).orElse(config.credentials());
                    organizations = configure(OrganizationsClient.builder(), Region.US_EAST_1, "organizations").credentialsProvider(credentials).build();
                }
            }
        }
        return organizations;
    }

    /** The inspector role of the account, or own credentials in the own account / single-account mode. */
    String roleFor(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + config.inspectorRoleName().orElse("");
    }

    private AwsCredentialsProvider credentialsFor(String accountId) {
        if (config.inspectorRoleName().isEmpty() || accountId.equals(self().account())) {
            return config.credentials();
        }
        return assume(roleFor(accountId));
    }

    private AwsCredentialsProvider assume(String roleArn) {
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).asyncCredentialUpdateEnabled(false)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME)).build();
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>
            & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(B builder, Region region, String service) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                // a hung attempt is cut and retried well before the whole call's bound
                .apiCallAttemptTimeout(config.callTimeout().dividedBy(3))
                .apiCallTimeout(config.callTimeout());
        config.interceptors().forEach(override::addExecutionInterceptor);
        builder.httpClient(http).region(region).overrideConfiguration(override.build());
        config.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }
}
