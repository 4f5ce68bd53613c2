package dev.assumeroledoctor.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients: built once per container and per account, shared, thread-safe. URL-connection
 * HTTP client only (cold start); standard retry mode, so IAM's per-account throttling is retried
 * with backoff; every call bounded by the configured timeout. As the organization's central
 * inspector it meets hundreds of accounts: per-account clients are kept in a bounded
 * least-recently-used map (closed on eviction), and every client shares one HTTP client and one
 * scheduler instead of starting threads of its own.
 */
final class AwsClients {
    /* Per-account IAM clients kept at once: a warm container that has seen 1,000 accounts holds at most this many. */
    static final int MAX_ACCOUNT_CLIENTS = 64;
    private static final String SESSION_NAME = "assume-role-doctor";
    private final InspectorConfig config;
    private final Partition partition;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final StsClient sts;
    private final Map<String, Account> byAccount = closingLru(Account::close);
    /* CloudTrail clients by account and region, bounded and closed on eviction like the IAM ones */
    private final Map<String, CloudTrailClient> trails = closingLru(CloudTrailClient::close);
    private volatile GetCallerIdentityResponse self;
    private volatile String identifiedAccount;
    private volatile OrganizationsClient organizations;
    private AwsCredentialsProvider organizationCredentials;

    /* An account's IAM client with the credentials it uses: closed together. */
    private record Account(IamClient iam, AwsCredentialsProvider credentials) {
        void close() {
            iam.close();
            if (credentials instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    AwsClients(InspectorConfig config) {
        this.config = config;
        this.partition = Partition.of(config.region());
        this.sts = configure(StsClient.builder(), config.region(), "sts").credentialsProvider(config.credentials()).build();
    }

    /* A least-recently-used map of at most MAX_ACCOUNT_CLIENTS clients, each closed when it is evicted; callers synchronize on it. */
    private static <V> Map<String, V> closingLru(java.util.function.Consumer<V> close) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() > MAX_ACCOUNT_CLIENTS) {
                    close.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
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

    /** The function's own account, told by the Lambda context: no GetCallerIdentity before the first read. */
    void identify(String accountId) {
        identifiedAccount = accountId;
    }

    /**
     * The inspector's own account: as the Lambda context identified it, else as its credentials tell it
     * (IAM Identity Center, a profile's aws_account_id, AWS_ACCOUNT_ID, container and instance
     * credentials carry it), else GetCallerIdentity (once): a round of its own before any read.
     */
    String selfAccount() {
        String known = identifiedAccount;
        if (known != null) {
            return known;
        }
        Optional<String> told = config.credentials().resolveCredentials().accountId().filter(a -> a.matches("\\d{12}"));
        if (told.isPresent()) {
            identifiedAccount = told.get();
            return told.get();
        }
        return self().account();
    }

    IamClient iam(String accountId) {
        return account(accountId).iam();
    }

    /** The credentials the inspector uses in an account: its own, or the account's inspector role. */
    AwsCredentialsProvider credentials(String accountId) {
        Account account = account(accountId);
        return account.credentials() == null ? config.credentials() : account.credentials();
    }

    private volatile software.amazon.awssdk.services.athena.AthenaClient athena;

    /** Athena in the function's own account and region, where the organization trail's table is catalogued. */
    software.amazon.awssdk.services.athena.AthenaClient athena() {
        if (athena == null) {
            synchronized (this) {
                if (athena == null) {
                    athena = configure(software.amazon.awssdk.services.athena.AthenaClient.builder(), config.region(), "athena")
                            .credentialsProvider(config.credentials()).build();
                }
            }
        }
        return athena;
    }

    /** The partition the function runs in: its ARNs and global regions. */
    Partition partition() {
        return partition;
    }

    /**
     * A CloudTrail client for an account's event history in one region, with the given
     * credentials. LookupEvents answers two requests a second per account and region, shared
     * with everyone in the account: the adaptive retry mode slows this client down when throttled.
     */
    CloudTrailClient cloudTrail(String accountId, String region, AwsCredentialsProvider credentials) {
        synchronized (trails) {
            return trails.computeIfAbsent(accountId + "/" + region + "/" + System.identityHashCode(credentials), k -> {
                software.amazon.awssdk.services.cloudtrail.CloudTrailClientBuilder builder = configure(CloudTrailClient.builder(), Region.of(region), "cloudtrail");
                return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().retryStrategy(RetryMode.ADAPTIVE_V2).build())
                        .credentialsProvider(credentials).build();
            });
        }
    }

    /* CloudFormation clients by account and region: which stack defines a patched resource */
    private final Map<String, software.amazon.awssdk.services.cloudformation.CloudFormationClient> stacks = closingLru(
            software.amazon.awssdk.services.cloudformation.CloudFormationClient::close);

    /** CloudFormation in an account and region, with the credentials the inspector uses there. */
    software.amazon.awssdk.services.cloudformation.CloudFormationClient cloudFormation(String accountId, String region) {
        AwsCredentialsProvider credentials = credentials(accountId);
        synchronized (stacks) {
            return stacks.computeIfAbsent(accountId + "/" + region + "/" + System.identityHashCode(credentials), k -> configure(
                    software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder(), Region.of(region), "cloudformation")
                    .credentialsProvider(credentials).build());
        }
    }

    private Account account(String accountId) {
        synchronized (byAccount) {
            Account account = byAccount.get(accountId);
            if (account == null) {
                AwsCredentialsProvider credentials = credentialsFor(accountId);
                // the function's own credentials are shared by every client: only an assumed role's provider is the account's to close
                account = new Account(configure(IamClient.builder(), partition.iam(), "iam").credentialsProvider(credentials).build(),
                        credentials == config.credentials() ? null : credentials);
                byAccount.put(accountId, account);
            }
            return account;
        }
    }

    /** How many per-account clients are open now. */
    int openAccountClients() {
        synchronized (byAccount) {
            return byAccount.size();
        }
    }

    OrganizationsClient organizations() {
        if (organizations == null) {
            synchronized (this) {
                if (organizations == null) {
                    organizations = configure(OrganizationsClient.builder(), partition.organizations(), "organizations")
                            .credentialsProvider(organizationCredentials()).build();
                }
            }
        }
        return organizations;
    }

    /** The credentials of Organizations reads: the organization role in the management account, or the function's own. */
    synchronized AwsCredentialsProvider organizationCredentials() {
        if (organizationCredentials == null) {
            organizationCredentials = config.organizationRoleArn().<AwsCredentialsProvider>map(this::assume).orElse(config.credentials());
        }
        return organizationCredentials;
    }

    /** The management account, as the organization role's ARN names it, else the function's own. */
    String organizationAccount() {
        return config.organizationRoleArn().map(arn -> arn.split(":")[4]).orElseGet(this::selfAccount);
    }

    /** Whether the account is a member of the inspector's organization ({@code organizations:DescribeAccount}). */
    boolean isMember(String accountId) {
        return Calls.optional("organizations:DescribeAccount", accountId,
                () -> organizations().describeAccount(r -> r.accountId(accountId)).account()).isPresent();
    }

    /** The inspector role of the account, or own credentials in the own account / single-account mode. */
    String roleFor(String accountId) {
        return partition.iamArn(accountId, "role/" + config.inspectorRoleName().orElse(""));
    }

    private AwsCredentialsProvider credentialsFor(String accountId) {
        if (config.inspectorRoleName().isEmpty() || accountId.equals(selfAccount())) {
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
                .scheduledExecutorService(SdkTimeouts.scheduler())
                // a hung attempt is cut and retried well before the whole call's bound
                .apiCallAttemptTimeout(config.callTimeout().dividedBy(3))
                .apiCallTimeout(config.callTimeout());
        config.interceptors().forEach(override::addExecutionInterceptor);
        builder.httpClient(http).region(region).overrideConfiguration(override.build());
        config.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }
}
