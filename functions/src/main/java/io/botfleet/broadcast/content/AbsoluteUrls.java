package io.botfleet.broadcast.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Checks that a URL is absolute, of an allowed scheme and names a host, before Telegram refuses the whole send. */
final class AbsoluteUrls {
    static final Set<String> WEB = Set.of("http", "https");
    static final Set<String> BUTTON = Set.of("http", "https", "tg");

    private AbsoluteUrls() {}

    static boolean isValid(String url, Set<String> schemes) {
        if (url == null || url.isBlank() || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            // The raw authority, not getHost(): getHost() is null for internationalized domain names Telegram accepts.
            String authority = uri.getRawAuthority();
            return scheme != null
                    && schemes.contains(scheme.toLowerCase(Locale.ROOT))
                    && authority != null
                    && !authority.isBlank()
                    && !authority.startsWith("@")
                    && !authority.startsWith(":");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
