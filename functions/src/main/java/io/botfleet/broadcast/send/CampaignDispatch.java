package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.TelegramSendRequest;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What the sender needs to know about the campaign of a batch: the message for each chat, the in-doubt policy and
 * whether it may still send (checked between waves, so pause and cancel take effect within one wave).
 */
public record CampaignDispatch(String campaignId, LongFunction<TelegramSendRequest> messageFor, DeliveryPolicy policy,
                               boolean paid, Supplier<RunState> state) {

    public enum RunState { RUNNING, PAUSED, CANCELLED }
}
