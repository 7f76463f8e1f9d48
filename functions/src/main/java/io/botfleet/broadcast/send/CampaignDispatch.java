package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.TelegramSendRequest;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * What the sender needs to know about the campaign of a batch: the message for each chat, the in-doubt policy,
 * whether it may still send (checked between waves, so pause and cancel take effect within one wave) and whether its
 * budget lets another batch start ({@code mayStartBatch}, given the recipients this invocation delivered since the
 * budget was read; always true for a campaign without a budget).
 */
public record CampaignDispatch(String campaignId, LongFunction<TelegramSendRequest> messageFor, DeliveryPolicy policy,
                               boolean paid, Supplier<RunState> state, LongPredicate mayStartBatch) {

    public CampaignDispatch(String campaignId, LongFunction<TelegramSendRequest> messageFor, DeliveryPolicy policy,
                            boolean paid, Supplier<RunState> state) {
        this(campaignId, messageFor, policy, paid, state, delivered -> true);
    }

    public enum RunState { RUNNING, PAUSED, CANCELLED }
}
