package live.catwalk.core.mcp.domain.http;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Request headers, looked up case-insensitively. Immutable. */
public record Headers(Map<String, List<String>> values) {

    public Headers {
        // a HashMap, not a TreeMap, and no stream: this runs on every request
        Map<String, List<String>> lower = HashMap.newHashMap(values.size());
        values.forEach((name, list) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(list),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        values = Map.copyOf(lower);
    }

    public static Headers of(Map<String, List<String>> values) {
        return new Headers(values);
    }

    /** Convenience for tests and callers with single-valued headers. */
    public static Headers single(Map<String, String> values) {
        Map<String, List<String>> multi = new TreeMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return new Headers(multi);
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }

    /** These headers but {@code name}. */
    public Headers without(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!values.containsKey(lower)) {
            return this;
        }
        Map<String, List<String>> rest = new HashMap<>(values);
        rest.remove(lower);
        return new Headers(rest);
    }

    /** All values of {@code name}, joined by commas as HTTP allows for list headers. */
    public Optional<String> joined(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(String.join(",", list));
    }
}
