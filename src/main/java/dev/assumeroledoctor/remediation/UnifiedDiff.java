package dev.assumeroledoctor.remediation;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** A unified diff (3 lines of context) of two texts, line by line (java-diff-utils, Myers' algorithm). */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String diff(String name, String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, a, DiffUtils.diff(a, b), CONTEXT);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            // GNU diff (and git apply) write a hunk against nothing as -0,0
            out.append(a.isEmpty() && line.startsWith("@@ -1,0 ") ? "@@ -0,0 " + line.substring(8) : line).append('\n');
        }
        return out.toString();
    }
}
