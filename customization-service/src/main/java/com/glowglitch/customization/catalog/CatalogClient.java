package com.glowglitch.customization.catalog;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

import com.glowglitch.customization.config.CustomizationProperties;
import com.glowglitch.customization.design.Customization;
import com.glowglitch.platform.http.ServiceClient;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * The catalog's price endpoint, the one judge of which options a product offers and what they
 * cost: a design is saved only with options the catalog prices. Through the {@code catalog}
 * breaker with the shopper's token relayed; a catalog that is down is a 503 and nothing is saved.
 */
@Component
public class CatalogClient {

    /** The catalog's answer, read tolerantly: what a design needs of it. */
    public record Quote(String productId, String name, String slug, String status, Money total) {
    }

    private final WebClient web;
    private final ServiceClient client;

    public CatalogClient(WebClient.Builder builder, ReactiveCircuitBreakerFactory<?, ?> breakers, CustomizationProperties props) {
        this.web = builder.baseUrl(props.getCatalogUrl()).build();
        this.client = new ServiceClient("catalog", "your design was not saved", web, breakers.create("catalog"));
    }

    /** The price of {@code options} on the product; 422 unknown-product / option-not-offered / not-for-sale. */
    public Mono<Quote> quote(String productId, Customization.Options options, String token) {
        return client.call(web.get().uri(u -> priceUri(u, productId, options)), token, Quote.class)
                .onErrorMap(e -> e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND,
                        e -> ApiException.unprocessable("unknown-product", "there is no product '" + productId + "' to customize"))
                .flatMap(q -> "archived".equals(q.status())
                        ? Mono.error(ApiException.unprocessable("not-for-sale", "this product is no longer for sale"))
                        : Mono.just(q));
    }

    private static URI priceUri(UriBuilder u, String productId, Customization.Options o) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", productId);
        u = u.path("/api/products/{id}/price");
        for (String[] kv : new String[][] {{"material", o.material()}, {"gemstone", o.gemstone()}, {"size", o.size()},
                {"engraving", o.engraving()}}) {
            if (kv[1] != null) {
                u = u.queryParam(kv[0], "{" + kv[0] + "}");
                vars.put(kv[0], kv[1]);
            }
        }
        return u.build(vars);
    }
}
