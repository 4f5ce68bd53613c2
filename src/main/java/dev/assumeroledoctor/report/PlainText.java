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

    /**
     * A Markdown document's block of plain text: {@link #visible} text inside a backtick fence
     * longer than any backtick run it holds, so no line inside can close it and nothing in it is
     * Markdown or HTML. Bounded to maxChars, fences included.
     */
    public static String fenced(String value, int maxChars) {
        String body = visible(value, true);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        int room = maxChars - 2 * fence.length() - 3;
        return fence + "\n" + Bounded.text(body, Math.max(0, room)) + "\n" + fence;
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
