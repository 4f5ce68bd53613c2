package dev.assumeroledoctor.snapshot;

/**
 * Something a diagnosis needed but could not read, and the one decision it could change: a gap
 * hedges only that decision, and a cause decided without it stays certain.
 *
 * @param what    the thing, e.g. "iam:GetRole on arn:aws:iam::1:role/x"
 * @param why     the reason, e.g. the error AWS answered and the permission the inspector lacks
 * @param touches the decision it could change
 */
public record DataGap(String what, String why, Decision touches) {
    /** The decisions an AssumeRole request is made of ("Policy evaluation logic"; "Cross-account policy evaluation logic"). */
    public enum Decision {
        TRUST("whether the role's trust policy lets the caller in"),
        CALLER_IDENTITY("whether the caller's own policies allow the call"),
        BOUNDARY("whether the caller's permissions boundary allows the call"),
        SCP("whether the SCPs above the caller's account allow the call"),
        RCP("whether the RCPs above the role's account allow the call"),
        SESSION("whether the caller's session policy allows the call"),
        ORGANIZATION("the organization's SCPs, RCPs and the caller's place in it"),
        ACCOUNT("every decision that account's IAM takes part in"),
        /* a role's inline and attached policies decide what its sessions may do, never who may assume it */
        ROLE_OWN_POLICIES("nothing this request needs, unless the role is also the caller: a role's own policies decide what its"
                + " sessions may do, not who may assume it");

        private final String phrase;

        Decision(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }
}
