package io.botfleet.ads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Advertisers and orders in memory, with the table's conditions: creates on absence, replaces on the version. */
public final class InMemoryAdStore implements AdStore {
    private final Map<String, Advertiser> advertisers = new TreeMap<>();
    private final Map<String, AdOrder> orders = new TreeMap<>();

    @Override
    public synchronized void createAdvertiser(Advertiser advertiser) {
        if (advertisers.putIfAbsent(advertiser.id(), advertiser) != null) {
            throw new IllegalStateException("advertiser exists");
        }
    }

    @Override
    public synchronized Optional<Advertiser> advertiser(String advertiserId) {
        return Optional.ofNullable(advertisers.get(advertiserId));
    }

    @Override
    public synchronized boolean replaceAdvertiser(Advertiser updated, long expectedVersion) {
        Advertiser current = advertisers.get(updated.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        advertisers.put(updated.id(), updated);
        return true;
    }

    @Override
    public synchronized Page<Advertiser> advertisers(String afterId, int limit) {
        return page(advertisers, afterId, limit, Advertiser::id);
    }

    @Override
    public synchronized boolean createOrder(AdOrder order) {
        return orders.putIfAbsent(order.campaignId(), order) == null;
    }

    @Override
    public synchronized Optional<AdOrder> order(String campaignId) {
        return Optional.ofNullable(orders.get(campaignId));
    }

    @Override
    public synchronized boolean replaceOrder(AdOrder updated, long expectedVersion) {
        AdOrder current = orders.get(updated.campaignId());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        orders.put(updated.campaignId(), updated);
        return true;
    }

    @Override
    public synchronized Page<AdOrder> orders(String afterId, int limit) {
        return page(orders, afterId, limit, AdOrder::campaignId);
    }

    private static <T> Page<T> page(Map<String, T> all, String afterId, int limit, Function<T, String> id) {
        List<T> newest = new ArrayList<>(all.values());
        newest.sort(Comparator.comparing(id).reversed());
        List<T> items = newest.stream().filter(t -> afterId == null || id.apply(t).compareTo(afterId) < 0).limit(limit + 1L).toList();
        boolean more = items.size() > limit;
        List<T> page = more ? items.subList(0, limit) : items;
        return new Page<>(page, more ? id.apply(page.getLast()) : null);
    }
}
