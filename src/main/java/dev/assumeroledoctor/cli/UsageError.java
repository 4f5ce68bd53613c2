package dev.assumeroledoctor.cli;

/** The command line itself is wrong (a missing or conflicting option): exit 252 in every command, saying what is needed. */
final class UsageError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String command;

    UsageError(String command, String message) {
        super(message);
        this.command = command;
    }

    /** Where to look: {@code assume-role-doctor <command> --help}. */
    String hint() {
        return "Try '" + CommandLineSpec.NAME + " " + command + " --help'.";
    }
}
