package dev.assumeroledoctor.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * IAM's Query API returns policy documents URL-encoded (RFC 3986); the CLI prints them decoded.
 * Both reach us, so both are accepted.
 */
public final class PolicyText {
    private PolicyText() {
    }

    /** Returns the JSON text of a document that may be URL-encoded. */
    public static String decodeIfEncoded(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.indexOf('%') < 0) {
            return trimmed;
        }
        return percentDecode(trimmed);
    }

    /*
     * Not URLDecoder: that one turns '+' into a space (form encoding), but IAM encodes a space as
     * %20 and may leave '+' literal, as in "arn:aws:iam::1:role/a+b".
     */
    static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int at) {
        return at < text.length() && Character.digit(text.charAt(at), 16) >= 0;
    }
}
