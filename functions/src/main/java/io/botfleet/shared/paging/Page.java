package io.botfleet.shared.paging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a key-ordered listing. {@code lastKey} is where the next page starts (DynamoDB's LastEvaluatedKey,
 * string attributes only); the API turns it into an opaque, signed cursor with {@link CursorCodec}.
 */
public record Page<T>(List<T> items, Optional<Map<String, String>> lastKey) {

    public Page {
        items = List.copyOf(items);
        lastKey = lastKey.map(Map::copyOf);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), lastKey);
    }
}
