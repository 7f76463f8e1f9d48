package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.content.MessageContent;
import java.util.Optional;

/**
 * What an advertiser's order adds to sending its campaign: the message each recipient gets (its links and buttons
 * tracked for that recipient) and a budget the sender checks before each batch. Looked up once per campaign and
 * sender invocation.
 */
public interface Sponsorships {
    Sponsorships NONE = campaign -> Optional.empty();

    Optional<Sponsorship> of(Campaign campaign);

    /** One sponsored campaign during one sender invocation. */
    interface Sponsorship {
        /** The campaign's message as {@code chatId} receives it. */
        MessageContent contentFor(long chatId);

        /**
         * Whether another batch may start. The spend it weighs is what was counted when this invocation began plus
         * {@code deliveredSince}: recipients this invocation delivered (or may still be delivering) since.
         */
        boolean mayStartBatch(long deliveredSince);
    }
}
