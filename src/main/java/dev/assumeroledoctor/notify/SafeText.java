package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.report.Bounded;
import dev.assumeroledoctor.report.PlainText;

/**
 * The one escaping layer: everything a caller controls (session name, source identity, user agent,
 * tags, the role ARN text, a token's subject, the error message) reaches people only through these
 * functions, one per output format, applied at render time:
 * <ul>
 * <li>plain text ({@link #line}, {@link #lines}): line breaks of every kind (CR, LF, NEL, U+2028,
 *     U+2029) and other control characters, bidirectional overrides and isolates, and zero-width
 *     characters are shown as {@code [U+XXXX]}, so nothing forges a line or reorders what is read;</li>
 * <li>chat markdown ({@link #markdown}, {@link #code}): the above, then {@code &}, {@code <},
 *     {@code >} as entities (no {@code <!channel>}, {@code <@U…>}, {@code <url|link>}), formatting
 *     and link characters replaced by look-alikes (no {@code [x](url)}, no {@code ![img](url)}),
 *     and broadcast mentions broken;</li>
 * <li>Markdown documents ({@link #fenced}): the plain text inside a fence longer than any backtick
 *     run it holds, so nothing in it is Markdown or HTML.</li>
 * </ul>
 * Jira gets plain text in ADF text nodes. Every function bounds its result, marker included.
 */
public final class SafeText {
    private SafeText() {
    }

    /** One line of plain text, bounded: nothing in it breaks a line or hides. */
    public static String line(String value, int maxChars) {
        return Bounded.text(visible(value, false), maxChars);
    }

    /** Several lines of plain text (a diff, a command): the line breaks it has stay, everything else as {@link #line}. */
    public static String lines(String value, int maxChars) {
        return Bounded.text(visible(value, true), maxChars);
    }

    /** Chat markdown (Amazon Q Developer in chat applications' client-markdown in Slack and Teams). */
    public static String markdown(String value, int maxChars) {
        String text = visible(value, false).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        text = text.replace("`", "'").replace("*", "\u2217").replace("_", "\uFF3F").replace("~", "\u223C")
                .replace("[", "\uFF3B").replace("]", "\uFF3D").replace("|", "\u2223").replace("@", "\uFF20").replace("#", "\uFF03");
        return Bounded.text(text, maxChars);
    }

    /** Markdown inline code for identifiers (ARNs, ids): monospace, nothing inside interpreted. */
    public static String code(String value, int maxChars) {
        // code spans are literal in Markdown, but not every chat client agrees: no link or mention survives either way
        String text = visible(value, false).replace("`", "'").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("@", "\uFF20").replace("[", "\uFF3B").replace("]", "\uFF3D");
        return "`" + Bounded.text(text, Math.max(0, maxChars - 2)) + "`";
    }

    /** A Markdown document's block of plain text: {@link PlainText#fenced}, a code fence no line inside can close. */
    public static String fenced(String value, int maxChars) {
        return PlainText.fenced(value, maxChars);
    }

    static String visible(String value, boolean keepNewlines) {
        return PlainText.visible(value, keepNewlines);
    }
}
