package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An inline keyboard button: a URL button or a callback button, exactly one of the two. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// callback_data is accepted too, so a keyboard copied from a Bot API payload reads as is.
public record InlineButton(String text, String url, @JsonAlias("callback_data") String callbackData) {

    public static InlineButton link(String text, String url) {
        return new InlineButton(text, url, null);
    }

    public static InlineButton callback(String text, String callbackData) {
        return new InlineButton(text, null, callbackData);
    }
}
