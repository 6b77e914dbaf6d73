package com.glowglitch.order.payment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.glowglitch.order.config.PaymentProperties;

/**
 * The configured providers by name. New orders pay with {@code glowglitch.payments.provider};
 * an order's refunds go to the provider it was paid with, whatever the setting is now.
 */
@Component
public class Payments {

    private final Map<String, PaymentProvider> byName;
    private final String active;

    public Payments(List<PaymentProvider> providers, PaymentProperties props) {
        this.byName = providers.stream().collect(Collectors.toMap(PaymentProvider::name, Function.identity()));
        if (!byName.containsKey(props.provider())) {
            throw new IllegalStateException("glowglitch.payments.provider '" + props.provider() + "' is not one of "
                    + byName.keySet());
        }
        this.active = props.provider();
    }

    public PaymentProvider active() {
        return byName.get(active);
    }

    public PaymentProvider named(String name) {
        PaymentProvider p = byName.get(name);
        if (p == null) {
            throw new IllegalStateException("no payment provider '" + name + "' is configured");
        }
        return p;
    }
}
