package dev.assumeroledoctor.evaluation;

import java.util.Optional;

/**
 * How {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} fared.
 *
 * @param match   whether the element covers the request
 * @param pattern the pattern that matched the request's value (for a {@code Not…} element, the one
 *                that excluded it)
 */
public record ElementMatch(Match match, Optional<String> pattern) {
    public static ElementMatch notPresent() {
        return new ElementMatch(Match.YES, Optional.empty());
    }
}
