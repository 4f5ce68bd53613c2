package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import java.util.Optional;

/**
 * The function's own failed AssumeRole into an inspector role is a failed-AssumeRole event too:
 * it must never be diagnosed, or one denial would feed itself forever.
 */
final class SelfCalls {
    private SelfCalls() {
    }

    /**
     * Why the event is the function's own call, or empty.
     *
     * @param functionName the function's name, when the Lambda context told it
     * @param issuer       the role or user behind the caller's session
     */
    static Optional<String> reason(AssumeRoleEvent event, Optional<String> functionName, AwsClients clients, Optional<String> issuer) {
        if (functionName.isPresent()) {
            // a Lambda function's session is named after the function: arn:…:sts::<account>:assumed-role/<role>/<function>
            String account = clients.selfAccount();
            return event.caller().arn().filter(arn -> arn.matches("arn:[\\w-]+:sts::" + account + ":assumed-role/[^/]+/"
                    + java.util.regex.Pattern.quote(functionName.get()))).map(arn -> "the function's own call (" + arn
                    + "): never diagnosed, so a denial cannot feed itself");
        }
        String self = clients.self().arn();
        Optional<String> callerRole = event.caller().type().equals("AssumedRole") ? issuer.map(Arns::nameOf) : Optional.empty();
        boolean sameAccount = event.caller().accountId().filter(clients.self().account()::equals).isPresent();
        if (event.caller().arn().filter(self::equals).isPresent()
                || (sameAccount && callerRole.isPresent() && self.contains(":assumed-role/" + callerRole.get() + "/"))) {
            return Optional.of("the function's own call (" + self + "): never diagnosed, so a denial cannot feed itself");
        }
        return Optional.empty();
    }
}
