package io.botfleet.broadcast.campaign;

/**
 * What to do with recipients whose request may or may not have been carried out: in flight when a sender stopped,
 * or sent but never answered (a read timeout). Telegram's send methods have no idempotency key, so the choice is
 * between a possible miss and a possible duplicate.
 */
public enum DeliveryPolicy {
    /** Default: in-doubt recipients are recorded UNKNOWN and never messaged twice. */
    AT_MOST_ONCE,
    /** In-doubt recipients are sent again: nobody missed, a few may get the message twice. */
    AT_LEAST_ONCE
}
