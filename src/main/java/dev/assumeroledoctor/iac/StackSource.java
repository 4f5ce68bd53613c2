package dev.assumeroledoctor.iac;

import java.util.Optional;

/** Where stacks and their templates are read: CloudFormation live, or templates given on the command line. */
public interface StackSource {

    /**
     * The stack resource with this physical id in the account, or empty where no stack defines it
     * (in the regions this source looks in).
     *
     * @param name the resource's own name (a role's, a policy's), which a template may spell
     *
     * @throws Unreadable where the answer is not known (a refusal, a fault)
     */
    Optional<StackResource> owner(String accountId, String physicalId, String resourceType, String name);

    /** The stack's template as its author wrote it (YAML or JSON). @throws Unreadable */
    String template(String accountId, StackResource owner);

    /** Where this source looks, for "no stack … defines it". */
    String scope();

    /** A read that did not answer: a gap of the IaC section, never of the diagnosis. */
    final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message);
        }
    }
}
