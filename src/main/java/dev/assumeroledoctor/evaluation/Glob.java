package dev.assumeroledoctor.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pattern where {@code *} matches any run of characters and {@code ?} exactly one, except
 * where a character is literal (it came from a substituted policy variable, or from {@code ${*}}
 * and {@code ${?}}, which IAM defines as the literal characters).
 */
public final class Glob {
    private final char[] chars;
    private final boolean[] literal;

    private Glob(char[] chars, boolean[] literal) {
        this.chars = chars;
        this.literal = literal;
    }

    /** A pattern written in a policy, with no substitution. */
    public static Glob of(String pattern) {
        return new Glob(pattern.toCharArray(), new boolean[pattern.length()]);
    }

    static Glob concat(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        List<Boolean> flags = new ArrayList<>();
        for (Piece piece : pieces) {
            text.append(piece.text());
            for (int i = 0; i < piece.text().length(); i++) {
                flags.add(piece.literal());
            }
        }
        boolean[] literal = new boolean[flags.size()];
        for (int i = 0; i < literal.length; i++) {
            literal[i] = flags.get(i);
        }
        return new Glob(text.toString().toCharArray(), literal);
    }

    /** A run of pattern text; literal runs never act as wildcards. */
    record Piece(String text, boolean literal) {
    }

    /** The text with wildcards taken as plain characters, for the {@code …Equals} operators. */
    public String text() {
        return new String(chars);
    }

    public boolean matches(String value, boolean ignoreCase) {
        return matches(value.toCharArray(), 0, chars.length, ignoreCase);
    }

    /*
     * Greedy two-pointer glob match with backtracking to the last star: linear in practice and
     * free of the regex escaping pitfalls of translating IAM patterns to java.util.regex.
     */
    private boolean matches(char[] value, int from, int to, boolean ignoreCase) {
        int p = from;
        int v = 0;
        int starP = -1;
        int starV = -1;
        while (v < value.length) {
            if (p < to && isWild(p, '?')) {
                p++;
                v++;
            } else if (p < to && isWild(p, '*')) {
                starP = p++;
                starV = v;
            } else if (p < to && same(chars[p], value[v], ignoreCase)) {
                p++;
                v++;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < to && isWild(p, '*')) {
            p++;
        }
        return p == to;
    }

    private boolean isWild(int at, char wildcard) {
        return chars[at] == wildcard && !literal[at];
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    /** Splits at {@code separator}, at most {@code limit} parts, the last one keeping the rest. */
    public List<Glob> split(char separator, int limit) {
        List<Glob> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < chars.length && parts.size() < limit - 1; i++) {
            if (chars[i] == separator) {
                parts.add(slice(start, i));
                start = i + 1;
            }
        }
        parts.add(slice(start, chars.length));
        return parts;
    }

    private Glob slice(int from, int to) {
        return new Glob(Arrays.copyOfRange(chars, from, to), Arrays.copyOfRange(literal, from, to));
    }

    /** True when the whole pattern is one unescaped {@code *}. */
    public boolean isMatchAll() {
        return chars.length == 1 && isWild(0, '*');
    }
}
