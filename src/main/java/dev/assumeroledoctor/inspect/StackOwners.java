package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.iac.StackResource;
import dev.assumeroledoctor.iac.StackSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * Which CloudFormation stack defines a resource, read in the resource's account through the
 * inspector role: {@code DescribeStackResources} by physical id in every region the deployment
 * names at once (IAM resources are global, their stacks are regional), then {@code GetTemplate} as its
 * author wrote it ({@code Original}, before any transform). A resource no stack defines is
 * answered with CloudFormation's {@code ValidationError} "Stack for … does not exist". A refusal
 * is a gap of the IaC section ({@link StackSource.Unreadable}); any other fault fails the
 * invocation, as every inspector read does.
 */
final class StackOwners implements StackSource {
    private final AwsClients clients;
    private final Consumer<String> admit;
    private final List<String> regions;
    private final Executor calls;

    StackOwners(AwsClients clients, Consumer<String> admit, List<String> regions, Executor calls) {
        this.clients = clients;
        this.admit = admit;
        this.regions = List.copyOf(regions);
        this.calls = calls;
    }

    @Override
    public Optional<StackResource> owner(String accountId, String physicalId, String resourceType, String name) {
        admitted(accountId);
        // every region at once (one round, however many regions); the first region in the configured order that has it answers
        List<CompletableFuture<Optional<StackResource>>> asked = regions.stream()
                .map(region -> CompletableFuture.supplyAsync(() -> ownerIn(region, accountId, physicalId, resourceType), calls)).toList();
        Optional<StackResource> found = Optional.empty();
        for (CompletableFuture<Optional<StackResource>> answer : asked) {
            Optional<StackResource> owner = Async.join(answer);
            found = found.or(() -> owner);
        }
        return found;
    }

    private Optional<StackResource> ownerIn(String region, String accountId, String physicalId, String resourceType) {
        CloudFormationClient cloudFormation = clients.cloudFormation(accountId, region);
        Optional<DescribeStackResourcesResponse> found = read("cloudformation:DescribeStackResources", accountId, region, () -> {
            try {
                return Optional.of(cloudFormation.describeStackResources(r -> r.physicalResourceId(physicalId)));
            } catch (AwsServiceException e) {
                if (e.statusCode() == 400 && e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                        && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        return found.stream().flatMap(r -> r.stackResources().stream())
                .filter(r -> physicalId.equals(r.physicalResourceId()) && resourceType.equals(r.resourceType()))
                .map(r -> new StackResource(r.stackName(), Optional.ofNullable(r.stackId()), Optional.of(region), r.logicalResourceId(),
                        r.resourceType())).findFirst();
    }

    @Override
    public String template(String accountId, StackResource owner) {
        String region = owner.region().orElseThrow();
        String stack = owner.stackId().orElse(owner.stackName());
        return read("cloudformation:GetTemplate", accountId, region, () -> clients.cloudFormation(accountId, region)
                .getTemplate(r -> r.stackName(stack).templateStage(TemplateStage.ORIGINAL)).templateBody());
    }

    @Override
    public String scope() {
        return "in " + String.join(", ", regions);
    }

    private void admitted(String account) {
        try {
            admit.accept(account);
        } catch (InspectionDenied e) {
            throw new Unreadable(e.getMessage());
        }
    }

    private static <T> T read(String api, String account, String region, java.util.function.Supplier<T> call) {
        try {
            return Calls.required(api, "account " + account + " in " + region, call);
        } catch (InspectionDenied e) {
            throw new Unreadable(e.getMessage());
        }
    }
}
