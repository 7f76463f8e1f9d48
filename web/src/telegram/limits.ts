/** The Bot API's content limits, as the backend's TelegramLimits names them. */
export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;
export const BUTTON_TEXT_MAX = 64;
export const KEYBOARD_ROW_MAX = 8;
export const KEYBOARD_BUTTONS_MAX = 100;
