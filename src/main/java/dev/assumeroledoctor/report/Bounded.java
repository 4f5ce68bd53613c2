package dev.assumeroledoctor.report;

import java.nio.charset.StandardCharsets;

/**
 * Caller-controlled text (session names, tags, user agents) is bounded before any output: the
 * result, its "cut" marker included, never exceeds the limit, counted as the target counts it
 * (characters, or UTF-8 bytes), and never splits a surrogate pair.
 */
public final class Bounded {
    private Bounded() {
    }

    /** At most {@code maxChars} UTF-16 characters, marker included. */
    public static String text(String value, int maxChars) {
        if (value == null) {
            return "";
        }
        if (value.length() <= maxChars) {
            return value;
        }
        String marker = "… (" + value.length() + " characters, cut)";
        if (marker.length() >= maxChars) {
            return cut(value, maxChars);
        }
        return cut(value, maxChars - marker.length()) + marker;
    }

    /** At most {@code maxBytes} bytes of UTF-8, marker included. */
    public static String bytes(String value, int maxBytes) {
        if (value == null) {
            return "";
        }
        byte[] all = value.getBytes(StandardCharsets.UTF_8);
        if (all.length <= maxBytes) {
            return value;
        }
        String marker = "… (" + all.length + " bytes, cut)";
        int budget = Math.max(0, maxBytes - marker.getBytes(StandardCharsets.UTF_8).length);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return out + marker;
    }

    private static String cut(String value, int length) {
        int end = Math.max(0, length);
        if (end > 0 && end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
