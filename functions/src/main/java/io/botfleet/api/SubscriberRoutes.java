package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.shared.csv.CsvExport;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.paging.CursorCodec;
import io.botfleet.shared.paging.Page;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.subscribers.SubscriberBook;
import io.botfleet.subscribers.SubscriberQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@code /api/bots/{botId}/subscribers...}: paged listing with filters and counts, CSV export, tags. */
public final class SubscriberRoutes {
    /** An API response must stay below API Gateway's and Lambda's 6 MB; bigger exports continue with x-next-cursor. */
    static final int MAX_CSV_BYTES = 5 * 1024 * 1024;
    private static final Pattern TAG = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,20}");

    private SubscriberRoutes() {}

    record TagChange(List<String> add, List<String> remove) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            tags(v, "add", add);
            tags(v, "remove", remove);
        }
    }

    record BulkTagChange(List<String> chatIds, List<String> add, List<String> remove) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (v.required("chatIds", chatIds)) {
                v.check(!chatIds.isEmpty() && chatIds.size() <= SubscriberBook.MAX_BULK_CHATS, "chatIds", "OUT_OF_RANGE",
                        "must have 1-" + SubscriberBook.MAX_BULK_CHATS + " entries");
                for (int i = 0; i < chatIds.size(); i++) {
                    v.check(chatIds.get(i) != null && CHAT_ID.matcher(chatIds.get(i)).matches(), "chatIds[" + i + "]",
                            "INVALID_ID", "must be a chat id");
                }
            }
            tags(v, "add", add);
            tags(v, "remove", remove);
        }
    }

    static void tags(Validation v, String field, List<String> tags) {
        if (tags == null) {
            return;
        }
        v.check(tags.size() <= SubscriberBook.MAX_TAGS_PER_CALL, field, "TOO_MANY", "must have at most " + SubscriberBook.MAX_TAGS_PER_CALL + " tags");
        for (int i = 0; i < tags.size(); i++) {
            v.check(tags.get(i) != null && TAG.matcher(tags.get(i)).matches(), field + "[" + i + "]", "INVALID_TAG",
                    "must be 1-32 of a-z, 0-9, '_', '-'");
        }
    }

    /**
     * @param botExists whether a bot is registered (unknown bots answer 404)
     */
    public static List<Route> routes(SubscriberBook book, Predicate<String> botExists, CursorCodec cursors) {
        return List.of(
                new Route("GET", "/api/bots/{botId}/subscribers", Route.Access.requires(Permission.SUBSCRIBERS_READ), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    SubscriberQuery query = query(request, QueryParams.integer(request, "limit", 50, 1, 200));
                    String scope = query.scope(botId);
                    Page<Subscriber> page = book.page(botId, query, cursors.decode(request.queryParameter("cursor"), scope));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("items", page.items().stream().map(SubscriberView::of).toList());
                    out.put("cursor", page.lastKey().map(k -> cursors.encode(k, scope)).orElse(null));
                    out.put("counts", book.counts(botId));
                    return HttpResponse.json(200, out);
                }),
                new Route("GET", "/api/bots/{botId}/subscribers.csv", Route.Access.requires(Permission.SUBSCRIBERS_READ), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    SubscriberQuery query = query(request, 1000);
                    String scope = query.scope(botId);
                    CsvExport csv = SubscriberCsv.export();
                    Optional<Map<String, String>> start = cursors.decode(request.queryParameter("cursor"), scope);
                    do {
                        Page<Subscriber> page = book.page(botId, query, start);
                        page.items().forEach(s -> SubscriberCsv.row(csv, s));
                        start = page.lastKey();
                    } while (start.isPresent() && csv.size() < MAX_CSV_BYTES);
                    HttpResponse response = csv.response("subscribers-" + botId + ".csv");
                    return start.map(k -> response.withHeader("x-next-cursor", cursors.encode(k, scope))).orElse(response);
                }),
                new Route("GET", "/api/bots/{botId}/subscribers/{chatId}", Route.Access.requires(Permission.SUBSCRIBERS_READ), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    String chatId = chatId(request);
                    return book.get(botId, chatId).map(s -> HttpResponse.json(200, SubscriberView.of(s)))
                            .orElseThrow(() -> ApiException.notFound("SUBSCRIBER_NOT_FOUND", "No subscriber " + chatId));
                }),
                new Route("DELETE", "/api/bots/{botId}/subscribers/{chatId}", Route.Access.requires(Permission.SUBSCRIBERS_MANAGE), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    String chatId = chatId(request);
                    if (!book.delete(botId, chatId)) {
                        throw ApiException.notFound("SUBSCRIBER_NOT_FOUND", "No subscriber " + chatId);
                    }
                    return HttpResponse.empty(204);
                }),
                new Route("POST", "/api/bots/{botId}/subscribers/{chatId}/tags", Route.Access.requires(Permission.SUBSCRIBERS_MANAGE), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    String chatId = chatId(request);
                    TagChange body = RequestBody.parse(request, TagChange.class);
                    if (!book.changeTags(botId, chatId, set(body.add()), set(body.remove()))) {
                        throw ApiException.notFound("SUBSCRIBER_NOT_FOUND", "No subscriber " + chatId);
                    }
                    return HttpResponse.json(200, SubscriberView.of(book.get(botId, chatId).orElseThrow()));
                }),
                new Route("POST", "/api/bots/{botId}/subscribers/tags", Route.Access.requires(Permission.SUBSCRIBERS_MANAGE), (request, caller) -> {
                    String botId = bot(request, caller, botExists);
                    BulkTagChange body = RequestBody.parse(request, BulkTagChange.class);
                    int changed = book.changeTags(botId, set(body.chatIds()), set(body.add()), set(body.remove()));
                    return HttpResponse.json(200, Map.of("changed", changed, "requested", set(body.chatIds()).size()));
                }));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static String bot(HttpRequest request, Caller caller, Predicate<String> botExists) {
        String botId = request.pathParameter("botId");
        if (!caller.requirePrincipal().canAccessBot(botId) || !botExists.test(botId)) {
            throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
        }
        return botId;
    }

    private static String chatId(HttpRequest request) {
        String chatId = request.pathParameter("chatId");
        if (!CHAT_ID.matcher(chatId).matches()) {
            throw ApiException.notFound("SUBSCRIBER_NOT_FOUND", "No subscriber " + chatId);
        }
        return chatId;
    }

    static SubscriberQuery query(HttpRequest request, int limit) {
        Optional<String> status = QueryParams.text(request, "status", 16);
        Validation v = new Validation();
        status.ifPresent(s -> v.check(Subscriber.STATUSES.contains(s), "status", "NOT_ALLOWED", "must be one of: " + String.join(", ", Subscriber.STATUSES)));
        Optional<String> tag = QueryParams.text(request, "tag", 32);
        tag.ifPresent(t -> v.check(TAG.matcher(t).matches(), "tag", "INVALID_TAG", "must be 1-32 of a-z, 0-9, '_', '-'"));
        v.throwIfInvalid();
        return new SubscriberQuery(status, QueryParams.text(request, "language", 16), tag,
                QueryParams.instant(request, "joinedFrom"), QueryParams.instant(request, "joinedTo"),
                QueryParams.instant(request, "lastActiveAfter"), QueryParams.text(request, "q", 64), limit);
    }
}
