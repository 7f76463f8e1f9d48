package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.media.MediaItem;
import io.botfleet.media.MediaLibrary;
import io.botfleet.media.MediaStore;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.paging.CursorCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The media library routes. The library is shared by every bot (a file is uploaded to Telegram per bot when a
 * campaign first sends it), so whoever composes campaigns uploads (campaigns_send) and whoever reads them sees the
 * library (campaigns_read). Deleting reaches every bot's campaigns, so it is for callers restricted to no bots.
 */
public final class MediaRoutes {
    private MediaRoutes() {}

    /** Body of {@code POST /api/media/uploads}: what the browser is about to upload. */
    record UploadBody(String fileName, String contentType, Long size) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("fileName", fileName, 1, 255);
            if (v.required("contentType", contentType)) {
                v.check(io.botfleet.media.MediaFormat.declaredAs(contentType).isPresent(), "contentType",
                        "CONTENT_TYPE_UNSUPPORTED", "contentType must be one of "
                                + String.join(", ", io.botfleet.media.MediaFormat.acceptedTypes()));
            }
            if (v.required("size", size)) {
                v.check(size > 0, "size", "SIZE_INVALID", "size must be at least 1 byte");
            }
        }
    }

    public static List<Route> routes(MediaLibrary library, CursorCodec cursors) {
        Route.Access read = Route.Access.requires(Permission.CAMPAIGNS_READ);
        Route.Access write = Route.Access.requires(Permission.CAMPAIGNS_SEND);
        return List.of(
                new Route("POST", "/api/media/uploads", write, (request, caller) -> {
                    UploadBody body = RequestBody.parse(request, UploadBody.class);
                    MediaLibrary.Upload upload = library.requestUpload(body.fileName(), body.contentType(), body.size(),
                            caller.requirePrincipal().id());
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("item", view(library, upload.item()));
                    Map<String, Object> put = new LinkedHashMap<>();
                    put.put("method", "PUT");
                    put.put("url", upload.url().toString());
                    put.put("headers", upload.headers());
                    put.put("expiresAt", upload.expiresAt().toString());
                    view.put("upload", put);
                    return HttpResponse.json(201, view);
                }),
                new Route("GET", "/api/media", read, (request, caller) -> {
                    int limit = QueryParams.integer(request, "limit", 24, 1, 100);
                    String after = cursors.decode(request.queryParameter("cursor"), "media").map(k -> k.get("id")).orElse(null);
                    MediaStore.Page page = library.list(after, limit);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("items", page.items().stream().map(item -> view(library, item)).toList());
                    body.put("nextCursor", page.lastId() == null ? null : cursors.encode(Map.of("id", page.lastId()), "media"));
                    return HttpResponse.json(200, body);
                }),
                new Route("GET", "/api/media/{mediaId}", read, (request, caller) ->
                        HttpResponse.json(200, view(library, library.get(request.pathParameter("mediaId"))))),
                new Route("DELETE", "/api/media/{mediaId}", Route.Access.requiresAllBots(Permission.CAMPAIGNS_SEND),
                        (request, caller) -> {
                            library.delete(request.pathParameter("mediaId"));
                            return HttpResponse.empty(204);
                        }));
    }

    /** What the API shows of an item: its facts, status and reason, and short-lived URLs of its thumbnail and file. */
    static Map<String, Object> view(MediaLibrary library, MediaItem m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("status", m.status().json());
        v.put("reason", m.reason());
        v.put("fileName", m.fileName());
        v.put("contentType", m.declaredType());
        v.put("kind", m.kind().json());
        v.put("format", m.format() == null ? null : m.format().json());
        v.put("width", m.width());
        v.put("height", m.height());
        v.put("durationSeconds", m.durationSeconds());
        v.put("sizeBytes", m.sizeBytes() != null ? m.sizeBytes() : m.declaredSize());
        v.put("sha256", m.sha256());
        v.put("compressed", m.compression() != null);
        v.put("compression", m.compression());
        v.put("sendBytes", m.sendBytes());
        v.put("thumbnailUrl", library.thumbnailUrl(m).map(Object::toString).orElse(null));
        v.put("previewUrl", library.previewUrl(m).map(Object::toString).orElse(null));
        v.put("createdAt", m.createdAt().toString());
        v.put("processedAt", m.processedAt() == null ? null : m.processedAt().toString());
        return v;
    }
}
