package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * moto cannot set a user's permissions boundary, so the exact requests the inspector sends for a
 * user are checked against a local endpoint answering as the IAM Query API does (API reference:
 * GetUser, ListUserPolicies, ListAttachedUserPolicies, ListUserTags).
 */
class UserBoundaryRequestTest {
    private static final String NS = " xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";
    private static final Map<String, String> RESPONSES = Map.of(
            "GetUser", "<GetUserResponse" + NS + "><GetUserResult><User><Path>/</Path><UserName>ci-user</UserName>"
                    + "<UserId>AIDACIUSERYYYYYYYYYY</UserId><Arn>arn:aws:iam::222222222222:user/ci-user</Arn>"
                    + "<CreateDate>2023-02-01T08:00:00Z</CreateDate><PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
                    + "<PermissionsBoundaryArn>arn:aws:iam::222222222222:policy/CiBoundary</PermissionsBoundaryArn></PermissionsBoundary>"
                    + "</User></GetUserResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetUserResponse>",
            "ListUserPolicies", "<ListUserPoliciesResponse" + NS + "><ListUserPoliciesResult><PolicyNames/><IsTruncated>false</IsTruncated>"
                    + "</ListUserPoliciesResult></ListUserPoliciesResponse>",
            "ListAttachedUserPolicies", "<ListAttachedUserPoliciesResponse" + NS + "><ListAttachedUserPoliciesResult><AttachedPolicies/>"
                    + "<IsTruncated>false</IsTruncated></ListAttachedUserPoliciesResult></ListAttachedUserPoliciesResponse>",
            "ListUserTags", "<ListUserTagsResponse" + NS + "><ListUserTagsResult><Tags><member><Key>team</Key><Value>data</Value></member></Tags>"
                    + "<IsTruncated>false</IsTruncated></ListUserTagsResult></ListUserTagsResponse>");

    @Test
    void readsTheUsersBoundaryFromGetUser() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer iam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        iam.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(URLDecoder.decode(body, StandardCharsets.UTF_8));
            String action = body.replaceAll(".*Action=([A-Za-z]+).*", "$1");
            byte[] answer = RESPONSES.getOrDefault(action, "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(answer.length == 0 ? 400 : 200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        iam.start();
        try (IamClient client = IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + iam.getAddress().getPort()))
                .region(Region.AWS_GLOBAL).credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            ObjectNode user = new IamFetcher(client, Runnable::run).user("arn:aws:iam::222222222222:user/ci-user", arns -> { }).join().orElseThrow();
            assertThat(user.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText())
                    .isEqualTo("arn:aws:iam::222222222222:policy/CiBoundary");
            assertThat(user.path("Tags").get(0).path("Value").asText()).isEqualTo("data");
        } finally {
            iam.stop(0);
        }
        assertThat(requests).contains("Action=GetUser&Version=2010-05-08&UserName=ci-user",
                "Action=ListUserPolicies&Version=2010-05-08&UserName=ci-user",
                "Action=ListAttachedUserPolicies&Version=2010-05-08&UserName=ci-user",
                "Action=ListUserTags&Version=2010-05-08&UserName=ci-user");
    }
}
