package dev.assumeroledoctor.evaluation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition keys of a request. Keys are case-insensitive ("IAM JSON policy elements:
 * Condition": condition key names are not case-sensitive); values keep their case. A key can be
 * known absent, present, or unknown — alone or by prefix ({@code aws:RequestTag/} when the record
 * does not say which tags were passed).
 */
public final class ContextKeys {
    private final Map<String, List<String>> values;
    private final Map<String, String> originalNames;
    private final Set<String> unknownKeys;
    private final Set<String> unknownPrefixes;
    private final Map<String, ContextValue.OneOf> narrowed;

    private ContextKeys(Builder builder) {
        this.values = Map.copyOf(builder.values);
        this.originalNames = Map.copyOf(builder.originalNames);
        this.unknownKeys = Set.copyOf(builder.unknownKeys);
        this.unknownPrefixes = Set.copyOf(builder.unknownPrefixes);
        this.narrowed = Map.copyOf(builder.narrowed);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ContextKeys empty() {
        return builder().build();
    }

    public ContextValue lookup(String key) {
        String normalized = normalize(key);
        List<String> found = values.get(normalized);
        if (found != null) {
            return new ContextValue.Present(found);
        }
        ContextValue.OneOf oneOf = narrowed.get(normalized);
        if (oneOf != null) {
            return oneOf;
        }
        if (isUnknown(normalized)) {
            return new ContextValue.Unknown();
        }
        return new ContextValue.Absent();
    }

    private boolean isUnknown(String normalized) {
        if (unknownKeys.contains(normalized)) {
            return true;
        }
        for (String prefix : unknownPrefixes) {
            if (normalized.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The present keys, by the name they were given, sorted by that name. */
    public Map<String, List<String>> present() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        originalNames.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> out.put(e.getValue(), values.get(e.getKey())));
        return out;
    }

    public Set<String> unknownKeys() {
        return unknownKeys;
    }

    public Set<String> unknownPrefixes() {
        return unknownPrefixes;
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        originalNames.forEach((normalized, name) -> builder.put(name, values.get(normalized)));
        builder.unknownKeys.addAll(unknownKeys);
        builder.unknownPrefixes.addAll(unknownPrefixes);
        builder.narrowed.putAll(narrowed);
        return builder;
    }

    static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final Map<String, String> originalNames = new LinkedHashMap<>();
        private final Set<String> unknownKeys = new LinkedHashSet<>();
        private final Set<String> unknownPrefixes = new LinkedHashSet<>();
        private final Map<String, ContextValue.OneOf> narrowed = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String key, String value) {
            return put(key, List.of(value));
        }

        /** A multivalued key; an empty list is a present key with no values. */
        public Builder put(String key, List<String> keyValues) {
            String normalized = normalize(key);
            values.put(normalized, List.copyOf(keyValues));
            originalNames.put(normalized, key);
            unknownKeys.remove(normalized);
            narrowed.remove(normalized);
            return this;
        }

        public Builder remove(String key) {
            String normalized = normalize(key);
            values.remove(normalized);
            originalNames.remove(normalized);
            unknownKeys.remove(normalized);
            narrowed.remove(normalized);
            return this;
        }

        /** The key held one of these (present or absent) values, and the record does not tell which. */
        public Builder oneOf(String key, List<ContextValue> alternatives) {
            remove(key);
            narrowed.put(normalize(key), new ContextValue.OneOf(alternatives));
            return this;
        }

        public Builder unknown(String key) {
            remove(key);
            unknownKeys.add(normalize(key));
            return this;
        }

        /** Every key starting with this prefix that is not put explicitly is unknown. */
        public Builder unknownPrefix(String prefix) {
            unknownPrefixes.add(normalize(prefix));
            return this;
        }

        public ContextKeys build() {
            return new ContextKeys(this);
        }
    }
}
