package dev.assumeroledoctor.policy;

import java.util.List;

/**
 * {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource}.
 *
 * @param negated true for the {@code Not…} form
 * @param values  the patterns, as written
 */
public record ElementValues(boolean negated, List<String> values) {
    public ElementValues {
        values = List.copyOf(values);
    }
}
