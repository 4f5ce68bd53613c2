package dev.assumeroledoctor.remediation;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context) of two texts, line by line, from their longest common subsequence. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String diff(String name, String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        List<String[]> edits = edits(a, b);
        StringBuilder out = new StringBuilder("--- a/" + name + "\n+++ b/" + name + "\n");
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i)[0].equals(" ")) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && (end - lastChange) <= 2 * CONTEXT) {
                if (!edits.get(end)[0].equals(" ")) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            out.append(hunk(edits, start, end));
            i = end;
        }
        return out.toString();
    }

    private static String hunk(List<String[]> edits, int start, int end) {
        int oldStart = 1;
        int newStart = 1;
        for (int k = 0; k < start; k++) {
            if (!edits.get(k)[0].equals("+")) {
                oldStart++;
            }
            if (!edits.get(k)[0].equals("-")) {
                newStart++;
            }
        }
        int oldCount = 0;
        int newCount = 0;
        StringBuilder body = new StringBuilder();
        for (int k = start; k < end; k++) {
            String[] e = edits.get(k);
            body.append(e[0]).append(e[1]).append('\n');
            if (!e[0].equals("+")) {
                oldCount++;
            }
            if (!e[0].equals("-")) {
                newCount++;
            }
        }
        return "@@ -" + (oldCount == 0 ? oldStart - 1 : oldStart) + "," + oldCount + " +" + newStart + "," + newCount + " @@\n" + body;
    }

    private static List<String[]> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new String[] {" ", a.get(i)});
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new String[] {"-", a.get(i++)});
            } else {
                out.add(new String[] {"+", b.get(j++)});
            }
        }
        while (i < a.size()) {
            out.add(new String[] {"-", a.get(i++)});
        }
        while (j < b.size()) {
            out.add(new String[] {"+", b.get(j++)});
        }
        return out;
    }
}
