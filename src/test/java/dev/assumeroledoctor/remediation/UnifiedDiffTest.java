package dev.assumeroledoctor.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void showsChangedLinesWithContextAndHunkHeader() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh";
        String after = "a\nb\nc\nd\nE\nf\ng\nh";
        assertThat(UnifiedDiff.diff("p.json", before, after)).isEqualTo(
                "--- a/p.json\n+++ b/p.json\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    }

    @Test
    void aNewFileIsAllAdditions() {
        assertThat(UnifiedDiff.diff("new.json", "", "x\ny")).isEqualTo("--- a/new.json\n+++ b/new.json\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }
}
