package dev.assumeroledoctor.policy;

/** How an operator family compares a request value with a policy value. */
public enum OperatorFamily {
    STRING, NUMERIC, DATE, BOOL, BINARY, IP_ADDRESS, ARN, NULL
}
