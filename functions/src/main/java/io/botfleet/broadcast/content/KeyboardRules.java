package io.botfleet.broadcast.content;

import static io.botfleet.broadcast.content.FieldPath.field;
import static io.botfleet.broadcast.content.FieldPath.index;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Inline keyboard limits: button counts, button text, and each button's single action. */
final class KeyboardRules {
    private KeyboardRules() {}

    static void check(List<List<InlineButton>> keyboard, String path, List<Violation> out) {
        int total = 0;
        for (int r = 0; r < keyboard.size(); r++) {
            List<InlineButton> row = keyboard.get(r);
            String rowPath = index(path, r);
            if (row == null || row.isEmpty()) {
                out.add(new Violation(rowPath, ViolationCodes.KEYBOARD_ROW_EMPTY, "a keyboard row needs at least one button"));
                continue;
            }
            if (row.size() > TelegramLimits.KEYBOARD_ROW_MAX) {
                out.add(new Violation(rowPath, ViolationCodes.KEYBOARD_ROW_TOO_LONG,
                        "a row holds at most " + TelegramLimits.KEYBOARD_ROW_MAX + " buttons, this one has " + row.size()));
            }
            total += row.size();
            for (int b = 0; b < row.size(); b++) {
                checkButton(row.get(b), index(rowPath, b), out);
            }
        }
        if (total > TelegramLimits.KEYBOARD_BUTTONS_MAX) {
            out.add(new Violation(path, ViolationCodes.KEYBOARD_TOO_MANY_BUTTONS,
                    "a keyboard holds at most " + TelegramLimits.KEYBOARD_BUTTONS_MAX + " buttons, this one has " + total));
        }
    }

    private static void checkButton(InlineButton button, String path, List<Violation> out) {
        if (button == null) {
            out.add(new Violation(path, ViolationCodes.BUTTON_REQUIRED, "button must not be null"));
            return;
        }
        checkText(button.text(), field(path, "text"), out);
        boolean hasUrl = button.url() != null;
        boolean hasCallback = button.callbackData() != null;
        if (hasUrl == hasCallback) {
            out.add(new Violation(path, ViolationCodes.BUTTON_ACTION, "a button needs exactly one of url and callbackData"));
            return;
        }
        if (hasUrl && !AbsoluteUrls.isValid(button.url(), AbsoluteUrls.BUTTON)) {
            out.add(new Violation(field(path, "url"), ViolationCodes.BUTTON_URL_INVALID,
                    "url must be an absolute http, https or tg URL with a host"));
        }
        if (hasCallback) {
            checkCallbackData(button.callbackData(), field(path, "callbackData"), out);
        }
    }

    private static void checkText(String text, String path, List<Violation> out) {
        if (text == null || text.isBlank()) {
            out.add(new Violation(path, ViolationCodes.BUTTON_TEXT_REQUIRED, "button text is required"));
        } else if (text.length() > TelegramLimits.BUTTON_TEXT_MAX) {
            out.add(new Violation(path, ViolationCodes.BUTTON_TEXT_TOO_LONG,
                    "button text is at most " + TelegramLimits.BUTTON_TEXT_MAX + " characters, this one has " + text.length()));
        }
    }

    /** Telegram limits callback_data in bytes: 64 ASCII characters, but only 32 Cyrillic ones. */
    private static void checkCallbackData(String data, String path, List<Violation> out) {
        int bytes = data.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            out.add(new Violation(path, ViolationCodes.CALLBACK_DATA_EMPTY, "callbackData must not be empty"));
        } else if (bytes > TelegramLimits.CALLBACK_DATA_MAX_BYTES) {
            out.add(new Violation(path, ViolationCodes.CALLBACK_DATA_TOO_LONG,
                    "callbackData is at most " + TelegramLimits.CALLBACK_DATA_MAX_BYTES + " bytes in UTF-8, this one has " + bytes));
        }
    }
}
