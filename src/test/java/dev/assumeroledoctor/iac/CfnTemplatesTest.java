package dev.assumeroledoctor.iac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import org.junit.jupiter.api.Test;

/**
 * YAML templates read as CloudFormation reads them: each short-form intrinsic becomes its JSON
 * form (AWS CloudFormation User Guide, "Intrinsic function reference": {@code !Ref} is
 * {@code {"Ref": ...}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}, every other
 * {@code !X} is {@code {"Fn::X": ...}}), and unquoted dates stay strings.
 */
class CfnTemplatesTest {

    @Test
    void shortFormIntrinsicsBecomeTheirJsonForms() {
        JsonNode t = CfnTemplates.parse("""
                AWSTemplateFormatVersion: 2010-09-09
                Parameters:
                  Org: {Type: String}
                Conditions:
                  Prod: !Equals [!Ref Env, prod]
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: !Sub '${AWS::StackName}-deployer'
                      AssumeRolePolicyDocument:
                        Version: 2012-10-17
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}
                            Action: sts:AssumeRole
                            Condition:
                              StringEquals: {aws:PrincipalOrgID: !Ref Org}
                      MaxSessionDuration: 3600
                      Path: !If [Prod, /prod/, !Ref AWS::NoValue]
                Outputs:
                  Arn: {Value: !GetAtt Role.Arn}
                  Joined: {Value: !Join ['', [!Select [0, !Split [',', 'a,b']], !ImportValue x]]}
                  Base: {Value: !Base64 text, Condition: Prod}
                """, "t.yaml");
        assertThat(t.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        JsonNode role = t.path("Resources").path("Role").path("Properties");
        assertThat(role.path("RoleName")).isEqualTo(Json.readTree("{\"Fn::Sub\":\"${AWS::StackName}-deployer\"}"));
        assertThat(role.path("AssumeRolePolicyDocument").path("Version").isTextual()).isTrue();
        assertThat(role.path("AssumeRolePolicyDocument").path("Statement").path(0).path("Condition").path("StringEquals")
                .path("aws:PrincipalOrgID")).isEqualTo(Json.readTree("{\"Ref\":\"Org\"}"));
        assertThat(role.path("MaxSessionDuration").isIntegralNumber()).isTrue();
        assertThat(role.path("Path")).isEqualTo(Json.readTree("{\"Fn::If\":[\"Prod\",\"/prod/\",{\"Ref\":\"AWS::NoValue\"}]}"));
        assertThat(t.path("Conditions").path("Prod")).isEqualTo(Json.readTree("{\"Fn::Equals\":[{\"Ref\":\"Env\"},\"prod\"]}"));
        assertThat(t.path("Outputs").path("Arn").path("Value")).isEqualTo(Json.readTree("{\"Fn::GetAtt\":[\"Role\",\"Arn\"]}"));
        assertThat(t.path("Outputs").path("Joined").path("Value")).isEqualTo(Json.readTree(
                "{\"Fn::Join\":[\"\",[{\"Fn::Select\":[0,{\"Fn::Split\":[\",\",\"a,b\"]}]},{\"Fn::ImportValue\":\"x\"}]]}"));
        assertThat(t.path("Outputs").path("Base").path("Value")).isEqualTo(Json.readTree("{\"Fn::Base64\":\"text\"}"));
    }

    @Test
    void jsonTemplatesAreReadAsTheyAre() {
        JsonNode t = CfnTemplates.parse("{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"RoleName\":{\"Ref\":\"N\"}}}}}", "t.json");
        assertThat(CfnTemplates.isIntrinsic(t.path("Resources").path("R").path("Properties").path("RoleName"))).isTrue();
        assertThat(CfnTemplates.isIntrinsic(t.path("Resources").path("R"))).isFalse();
    }

    @Test
    void aTextThatIsNoTemplateNamesItsSource() {
        assertThatThrownBy(() -> CfnTemplates.parse("Resources: [unclosed", "stack.yaml")).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("stack.yaml: not a CloudFormation template");
        assertThatThrownBy(() -> CfnTemplates.parse("Description: x\n", "stack.yaml")).hasMessageContaining("no Resources section");
        // CloudFormation refuses aliases; read as their names they would be a different template
        assertThatThrownBy(() -> CfnTemplates.parse("Resources:\n  A: &a {Type: AWS::SNS::Topic}\n  B: *a\n", "stack.yaml"))
                .hasMessageContaining("YAML aliases are not allowed in CloudFormation templates (*a at line 3)");
    }
}
