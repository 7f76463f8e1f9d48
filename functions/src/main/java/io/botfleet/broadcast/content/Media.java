package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One photo, video, document or animation. Exactly one of {@code url} (Telegram fetches it) and {@code fileId}
 * (already on Telegram's servers) is set; {@code sizeBytes} is known for files the platform uploaded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Media(MediaKind kind, String url, String fileId, Long sizeBytes) {}
