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
 * @param iam                 the region IAM's global endpoint signs for (iam.amazonaws.com, iam.cn-north-1.amazonaws.com.cn,
 *                            iam.us-gov.amazonaws.com)
 * @param organizations       the region Organizations answers in
 * @param globalEventsRegion  where CloudTrail records IAM, Organizations and global-endpoint STS calls
 */
public record Partition(String id, Region iam, Region organizations, String globalEventsRegion) {
    /* IAM is asked in the region its global endpoint signs for: the SDK's endpoint rules give that region the same
       host and signing as the partition's global pseudo-region, and a request then names a real region */
    public static final Partition AWS = new Partition("aws", Region.US_EAST_1, Region.US_EAST_1, "us-east-1");
    public static final Partition CHINA = new Partition("aws-cn", Region.CN_NORTH_1, Region.CN_NORTHWEST_1, "cn-north-1");
    public static final Partition GOV_CLOUD = new Partition("aws-us-gov", Region.US_GOV_WEST_1, Region.US_GOV_WEST_1, "us-gov-west-1");

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
