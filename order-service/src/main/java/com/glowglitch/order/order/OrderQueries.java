package com.glowglitch.order.order;

import org.springframework.data.mongodb.core.query.Criteria;

import com.glowglitch.platform.mongo.Keyset;
import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import reactor.core.publisher.Mono;

/** Order lists, newest first, with keyset cursors over (placedAt, _id). */
final class OrderQueries {

    private OrderQueries() {
    }

    static Mono<CursorPage<OrderView.Summary>> page(OrderStore store, Criteria filter, String status, Integer limit, String cursor) {
        int n = CursorPage.limit(limit);
        Criteria c = filter;
        if (status != null) {
            OrderStatus s;
            try {
                s = OrderStatus.valueOf(status.toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return Mono.error(ApiException.badRequest("invalid-status", "status must be one of " + OrderController.statuses()));
            }
            c = new Criteria().andOperator(c, Criteria.where("status").is(s.name()));
        }
        CursorPage.TimeKey after = CursorPage.TimeKey.decode(cursor);
        if (after != null) {
            c = new Criteria().andOperator(c, Keyset.after("placedAt", after.time(), after.id(), false));
        }
        return store.find(OrderStore.newestFirst(c, n + 1)).collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, o -> new CursorPage.TimeKey(o.placedAt(), o.id()).encode()))
                .map(p -> new CursorPage<>(p.items().stream().map(OrderView.Summary::of).toList(), p.nextCursor()));
    }
}
