package dev.assumeroledoctor.report;

/**
 * Plain text that shows every character it holds: what a caller controls can neither break a
 * line nor hide or reorder what is read. The base of every output format ({@code notify.SafeText}
 * builds the others on it).
 */
public final class PlainText {
    private PlainText() {
    }

    /** One line: {@link #visible} without line breaks, bounded. */
    public static String line(String value, int maxChars) {
        return Bounded.text(visible(value, false), maxChars);
    }

    /*
     * Characters shown as [U+XXXX]: C0/C1 controls (tabs become a space), line and paragraph
     * separators, format characters (bidi embeddings, overrides and isolates, zero-width space and
     * joiners, the BOM), and unpaired surrogates. With keepNewlines, LF stays a line break.
     */
    public static String visible(String value, boolean keepNewlines) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                if (Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.PRIVATE_USE) {
                    out.append(token(cp));
                } else {
                    out.appendCodePoint(cp);
                }
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\n' && keepNewlines) {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (hides(c)) {
                out.append(token(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hides(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String token(int codePoint) {
        return String.format("[U+%04X]", codePoint);
    }
}
