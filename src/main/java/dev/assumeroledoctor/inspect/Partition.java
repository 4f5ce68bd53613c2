package dev.assumeroledoctor.inspect;

import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The AWS partition the function runs in, told by the SDK's region metadata for its region, and
 * where that partition keeps its global services: IAM's global endpoint, Organizations' one region,
 * and the region whose CloudTrail records IAM and Organizations calls and calls to STS's global
 * endpoint ("Logging IAM and AWS STS API calls with AWS CloudTrail"; "AWS Organizations endpoints":
 * us-east-1, cn-northwest-1, us-gov-west-1).
 *
 * @param id                  {@code aws}, {@code aws-cn} or {@code aws-us-gov}: the ARNs' second field
 * @param iam                 the SDK's global pseudo-region for IAM (its endpoint rules give the host)
 * @param organizations       the region Organizations answers in
 * @param globalEventsRegion  where CloudTrail records IAM, Organizations and global-endpoint STS calls
 */
public record Partition(String id, Region iam, Region organizations, String globalEventsRegion) {
    public static final Partition AWS = new Partition("aws", Region.AWS_GLOBAL, Region.US_EAST_1, "us-east-1");
    public static final Partition CHINA = new Partition("aws-cn", Region.AWS_CN_GLOBAL, Region.CN_NORTHWEST_1, "cn-north-1");
    public static final Partition GOV_CLOUD = new Partition("aws-us-gov", Region.AWS_US_GOV_GLOBAL, Region.US_GOV_WEST_1, "us-gov-west-1");

    /** The partition of a region; a region the SDK does not know, or another partition, is refused with its name. */
    public static Partition of(Region region) {
        String partition = Optional.ofNullable(RegionMetadata.of(region)).map(m -> m.partition().id())
                .orElseThrow(() -> new IllegalArgumentException("region " + region.id() + " is not in the SDK's region metadata: "
                        + "its partition (aws, aws-cn, aws-us-gov) cannot be told"));
        return switch (partition) {
            case "aws" -> AWS;
            case "aws-cn" -> CHINA;
            case "aws-us-gov" -> GOV_CLOUD;
            default -> throw new IllegalArgumentException("region " + region.id() + " is in partition " + partition
                    + ", which the function does not support (aws, aws-cn, aws-us-gov)");
        };
    }

    /** An IAM ARN of this partition, e.g. {@code iamArn("111122223333", "role/reader")}. */
    public String iamArn(String account, String resource) {
        return "arn:" + id + ":iam::" + account + ":" + resource;
    }
}
