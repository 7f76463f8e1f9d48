package io.botfleet.ads;

import java.util.List;
import java.util.Optional;

/** Advertisers and ad orders. Creates are conditional on absence, replaces on the version read. */
public interface AdStore {

    void createAdvertiser(Advertiser advertiser);

    Optional<Advertiser> advertiser(String advertiserId);

    /** @return false when someone else changed it first */
    boolean replaceAdvertiser(Advertiser updated, long expectedVersion);

    /** Newest first, after {@code afterId} (null: from the newest). */
    Page<Advertiser> advertisers(String afterId, int limit);

    /** @return false when the campaign has an order already */
    boolean createOrder(AdOrder order);

    Optional<AdOrder> order(String campaignId);

    /** @return false when someone else changed it first */
    boolean replaceOrder(AdOrder updated, long expectedVersion);

    /** Newest campaign first, after {@code afterId} (null: from the newest). */
    Page<AdOrder> orders(String afterId, int limit);

    /** {@code lastId} is null after the last page. */
    record Page<T>(List<T> items, String lastId) {}
}
