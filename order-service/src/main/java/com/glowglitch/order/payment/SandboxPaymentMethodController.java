package com.glowglitch.order.payment;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.order.config.PaymentProperties;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * The sandbox's stand-in for Stripe.js: card details in, a {@code pm_…} token out. Only test
 * cards are accepted; nothing but the token's outcome, brand and last four digits is kept.
 * Switched off with {@code glowglitch.payments.sandbox.enabled=false} (404).
 */
@RestController
@RequestMapping("/api/payments/sandbox")
public class SandboxPaymentMethodController {

    private final SandboxPayments sandbox;
    private final boolean enabled;

    public SandboxPaymentMethodController(SandboxPayments sandbox, PaymentProperties props) {
        this.sandbox = sandbox;
        this.enabled = props.sandbox().enabled();
    }

    /** The card as typed; {@code toString} never shows the number or the code. */
    public record CardRequest(@NotBlank @Size(max = 30) String number, @NotNull @Min(1) @Max(12) Integer expMonth,
                              @NotNull @Min(2000) @Max(2100) Integer expYear, @NotBlank @Size(max = 4) String cvc) {
        @Override
        public String toString() {
            return "CardRequest[number=****, expMonth=" + expMonth + ", expYear=" + expYear + ", cvc=***]";
        }
    }

    @PostMapping("/payment-methods")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Turn a test card into a payment-method token (sandbox provider only): 4242 4242 4242 4242 succeeds, "
            + "4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 0119 fails with a "
            + "processing error (retried, then cancelled)")
    public Mono<SandboxPayments.Method> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CardRequest card) {
        if (!enabled) {
            return Mono.error(ApiException.notFound("the sandbox payment provider"));
        }
        return sandbox.tokenize(new SandboxPayments.Card(card.number(), card.expMonth(), card.expYear(), card.cvc()),
                jwt.getSubject());
    }
}
