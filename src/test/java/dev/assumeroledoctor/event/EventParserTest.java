package dev.assumeroledoctor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading CloudTrail records of AssumeRole* calls, bare or in an EventBridge envelope. */
class EventParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"stratus-get-password-data-assumerole-denied-1", "stratus-get-password-data-assumerole-denied-2",
            "stratus-download-user-data-assumerole-denied-1", "stratus-download-user-data-assumerole-denied-2"})
    void realFailedRecordsHaveNullParametersAndTheRoleOnlyInTheMessage(String name) throws IOException {
        AssumeRoleEvent event = applicable(realEvent(name));
        assertThat(event.call()).isEqualTo(StsCall.ASSUME_ROLE);
        assertThat(event.parameters()).isEmpty();
        assertThat(event.resourceArns()).isEmpty();
        assertThat(event.caller().type()).isEqualTo("IAMUser");
        assertThat(event.message().resource().orElseThrow()).startsWith("arn:aws:iam::").contains(":role/stratus-red-team-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stratus-get-password-data-assumerole-success-1", "awsdoc-assumerolewithwebidentity",
            "awsdoc-crossaccount-assumerole-caller-account-view"})
    void successfulCallsAreNotApplicable(String name) throws IOException {
        ParsedEvent parsed = EventParser.parse(realEvent(name));
        assertThat(parsed).isInstanceOf(ParsedEvent.NotApplicable.class);
        assertThat(((ParsedEvent.NotApplicable) parsed).reason()).endsWith("succeeded");
    }

    @Test
    void eventBridgeEnvelopeIsUnwrapped() throws IOException {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("detail-type", "AWS API Call via CloudTrail");
        envelope.put("source", "aws.sts");
        envelope.set("detail", realEvent("stratus-get-password-data-assumerole-denied-1"));
        AssumeRoleEvent event = applicable(envelope);
        assertThat(event.eventId()).isEqualTo("8a8844ff-dc95-4ef5-87d2-d86cc23fedd0");
        assertThat(event.sourceIp()).contains("200.249.253.51");
    }

    @Test
    void requestParametersAreReadWhenPresent() throws IOException {
        ObjectNode record = (ObjectNode) realEvent("awsdoc-crossaccount-assumerole-caller-account-view");
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "User: arn:aws:iam::777788889999:user/John is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/EC2-dev");
        ((ObjectNode) record.get("requestParameters")).put("externalId", "s3cr3t").put("durationSeconds", 7200)
                .set("tags", Json.readTree("[{\"key\":\"team\",\"value\":\"blue\"}]"));
        RequestParameters parameters = applicable(record).parameters().orElseThrow();
        assertThat(parameters.roleArn()).contains("arn:aws:iam::111122223333:role/EC2-dev");
        assertThat(parameters.roleSessionName()).contains("John-EC2-dev");
        assertThat(parameters.sourceIdentity()).contains("John");
        assertThat(parameters.externalId()).contains("s3cr3t");
        assertThat(parameters.durationSeconds()).contains(7200);
        assertThat(parameters.tags()).containsEntry("team", "blue");
        assertThat(parameters.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void unrelatedEventsAreNotApplicableWithAReason() {
        assertThat(reason("{\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}"))
                .isEqualTo("EventBridge detail-type \"EC2 Instance State-change Notification\" is not a CloudTrail API call");
        assertThat(reason("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}"))
                .isEqualTo("GetObject from s3.amazonaws.com is not an STS call");
        assertThat(reason("{\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\"}"))
                .isEqualTo("sts:GetCallerIdentity does not assume a role");
        assertThat(reason("{\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"errorCode\":\"ExpiredTokenException\"}"))
                .isEqualTo("AssumeRole failed with ExpiredTokenException, which no policy change fixes");
    }

    @Test
    void malformedEventsAreClearErrors() {
        assertThatThrownBy(() -> EventParser.parse(Json.readTree("[]"))).isInstanceOf(EventParseException.class)
                .hasMessage("an event must be a JSON object");
        assertThatThrownBy(() -> EventParser.parse(Json.readTree("{\"detail-type\":\"AWS API Call via CloudTrail\"}")))
                .hasMessage("the EventBridge event has no detail object");
        assertThatThrownBy(() -> EventParser.parse(Json.readTree(
                "{\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"errorCode\":\"AccessDenied\"}")))
                .hasMessage("the record has no userIdentity");
        assertThatThrownBy(() -> EventParser.parse(Json.readTree(
                "{\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"errorCode\":\"AccessDenied\",\"userIdentity\":{},\"eventTime\":\"yesterday\"}")))
                .hasMessage("the record's eventTime is not an ISO 8601 time (like 2024-07-30T20:00:00Z)");
    }

    private static String reason(String json) {
        return ((ParsedEvent.NotApplicable) EventParser.parse(Json.readTree(json))).reason();
    }

    private static AssumeRoleEvent applicable(JsonNode node) {
        ParsedEvent parsed = EventParser.parse(node);
        assertThat(parsed).isInstanceOf(ParsedEvent.Applicable.class);
        return ((ParsedEvent.Applicable) parsed).event();
    }

    static JsonNode realEvent(String name) throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/real-events/" + name + ".json")) {
            return Json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
