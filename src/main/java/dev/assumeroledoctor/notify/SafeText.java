package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.report.Bounded;
import java.util.regex.Pattern;

/**
 * Everything a caller controls (session name, user agent, tags, source identity, even the role ARN
 * text in a message) reaches people through these functions: one line, bounded, and escaped for
 * the target format.
 */
public final class SafeText {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}&&[^\\t]]|\\t");
    private static final Pattern BROADCAST = Pattern.compile("@(channel|here|everyone)", Pattern.CASE_INSENSITIVE);

    private SafeText() {
    }

    /** One line of plain text: control characters (newlines included) become spaces; unpaired surrogates are dropped. */
    public static String line(String value, int maxChars) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxChars + 16));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return Bounded.text(CONTROL.matcher(out).replaceAll(" "), maxChars);
    }

    /**
     * Slack/Teams markdown as Amazon Q Developer in chat applications renders it: {@code &}, {@code <}
     * and {@code >} are entities (so {@code <!channel>} or {@code <https://evil|click>} stay text),
     * formatting characters are neutralised, and a broadcast mention is broken.
     */
    public static String markdown(String value, int maxChars) {
        String text = line(value, maxChars).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        text = text.replace("`", "'").replace("*", "\u2217").replace("_", "\uFF3F").replace("~", "\u223C");
        return BROADCAST.matcher(text).replaceAll("@\u200B$1");
    }

    /** Markdown inline code for identifiers (ARNs, ids): monospace, nothing inside interpreted. */
    public static String code(String value, int maxChars) {
        return "`" + line(value, maxChars).replace("`", "'").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "`";
    }
}
