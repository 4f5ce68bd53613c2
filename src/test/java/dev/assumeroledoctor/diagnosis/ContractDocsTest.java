package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contracts the project follows live in its own {@code docs/} (so the README's links work in a
 * clone): each page is the product owner's spec, word for word, whenever the spec is beside the
 * project; and the cause catalog names exactly the ids the code uses.
 */
class ContractDocsTest {
    private static final Path SPEC = Path.of("../shared/spec");

    @Test
    void theDocsAreTheProductOwnersSpecs() throws Exception {
        for (String page : new String[] {"causes.md", "snapshot.md"}) {
            Path mine = Path.of("docs", page);
            assertThat(mine).exists();
            if (Files.exists(SPEC.resolve(page))) {
                assertThat(Files.readString(mine)).as(page).isEqualTo(Files.readString(SPEC.resolve(page)));
            }
        }
    }

    @Test
    void theCatalogNamesExactlyTheCodesCauseIds() throws Exception {
        Set<String> documented = new HashSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z_]{3,})`").matcher(Files.readString(Path.of("docs/causes.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        for (CauseId id : CauseId.values()) {
            assertThat(documented).as("docs/causes.md").contains(id.name());
        }
    }
}
