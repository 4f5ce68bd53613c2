package dev.assumeroledoctor.report;

/** Caller-controlled text (session names, tags, user agents) is bounded before any output. */
public final class Bounded {
    private Bounded() {
    }

    public static String text(String value, int maxChars) {
        if (value == null) {
            return "";
        }
        if (value.length() <= maxChars) {
            return value;
        }
        int cut = maxChars;
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return value.substring(0, cut) + "… (" + (value.length() - cut) + " more characters)";
    }
}
