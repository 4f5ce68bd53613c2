package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Offline mode: a snapshot read from the files users produce with the AWS CLI. */
public final class SnapshotFiles {
    private static final java.util.regex.Pattern ACCOUNT_FILE = java.util.regex.Pattern.compile("iam-(\\d{12})\\.json");

    private SnapshotFiles() {
    }

    public static Snapshot load(List<Path> iamFiles, Optional<Path> organizationFile) {
        Map<String, AccountSnapshot> accounts = new HashMap<>();
        List<DataGap> gaps = new java.util.ArrayList<>();
        java.util.Set<String> partial = new java.util.HashSet<>();
        for (Path file : iamFiles) {
            java.util.regex.Matcher named = ACCOUNT_FILE.matcher(file.getFileName().toString());
            Optional<String> hint = named.matches() ? Optional.of(named.group(1)) : Optional.empty();
            JsonNode json = readJson(file);
            AccountSnapshot account = AuthorizationDetailsReader.read(json, file.toString(), hint);
            if (accounts.putIfAbsent(account.accountId(), account) != null) {
                throw new SnapshotException(file + ": a second file for account " + account.accountId());
            }
            if (json.path("IsTruncated").asBoolean(false)) {
                // one page of a paginated listing: what it lacks may exist, so nothing is "not found"
                partial.add(Snapshot.partial(account.accountId()));
                gaps.add(new DataGap("the IAM of account " + account.accountId(), file + " is one page of a truncated listing (IsTruncated: true);"
                        + " run get-account-authorization-details without --max-items to get all of it", DataGap.Decision.ACCOUNT));
            }
        }
        Optional<OrganizationSnapshot> org = organizationFile.map(f -> OrganizationFileReader.read(readJson(f), f.toString()));
        return new Snapshot(accounts, org, gaps, partial);
    }

    /** A directory as the samples and {@code snapshot --out} lay it out: {@code iam-*.json} and an optional {@code org.json}. */
    public static Snapshot loadDirectory(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> iam = files.filter(f -> f.getFileName().toString().matches("iam-.*\\.json")).sorted().toList();
            Path org = dir.resolve("org.json");
            return load(iam, Files.exists(org) ? Optional.of(org) : Optional.empty());
        } catch (IOException e) {
            throw new SnapshotException(dir + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return Json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SnapshotException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(file + ": " + e.getMessage(), e);
        }
    }
}
