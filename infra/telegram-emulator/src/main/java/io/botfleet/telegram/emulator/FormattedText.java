package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Text as the recipient sees it, after parse_mode markup became entities (offsets in UTF-16 code units). */
record FormattedText(String text, ArrayNode entities) {
}
