package com.glowglitch.customization.design;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's saved designs (users and guests alike); anyone else's is a 404. */
@RestController
@RequestMapping("/api/customizations")
public class CustomizationController {

    static final String ID = "[A-Za-z0-9_\\-]{1,64}";
    static final String CODE = "[a-z0-9][a-z0-9-]{0,39}";
    static final String TEXT = "[^\\p{Cntrl}<>]*";

    public record Options(@Pattern(regexp = CODE) String material, @Pattern(regexp = CODE) String gemstone,
                          @Pattern(regexp = CODE) String size,
                          @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String engraving) {

        Customization.Options toDomain() {
            return new Customization.Options(material, gemstone, size, engraving == null || engraving.isEmpty() ? null : engraving);
        }
    }

    /** A save's whole new state; 3D parameters are up to 40 named values (part colour, finish, texture, camera angle...). */
    static CustomizationService.Draft draft(Options options, Map<String, String> design, String note) {
        return new CustomizationService.Draft(options == null ? Customization.Options.NONE : options.toDomain(),
                design == null ? Map.of() : design, note);
    }

    public record NewCustomization(@NotBlank @Pattern(regexp = ID) String productId,
                                   @Size(min = 1, max = 80) @Pattern(regexp = TEXT) String name,
                                   @Valid Options options,
                                   @Size(max = 40) Map<@Pattern(regexp = "[a-z][A-Za-z0-9_-]{0,39}") String,
                                           @NotNull @Size(max = 100) @Pattern(regexp = TEXT) String> design,
                                   @Size(max = 500) @Pattern(regexp = TEXT) String note) {
    }

    public record NewVersion(@NotNull @Positive @Max(1_000_000) Integer expectedVersion,
                             @Size(min = 1, max = 80) @Pattern(regexp = TEXT) String name,
                             @Valid Options options,
                             @Size(max = 40) Map<@Pattern(regexp = "[a-z][A-Za-z0-9_-]{0,39}") String,
                                     @NotNull @Size(max = 100) @Pattern(regexp = TEXT) String> design,
                             @Size(max = 500) @Pattern(regexp = TEXT) String note) {
    }

    public record Claim(@NotBlank @Size(max = 4096) String guestToken) {
    }

    public record Claimed(long claimed) {
    }

    private final CustomizationService service;
    private final ReactiveJwtDecoder jwts;

    public CustomizationController(CustomizationService service, ReactiveJwtDecoder jwts) {
        this.service = service;
        this.jwts = jwts;
    }

    @PostMapping("/claim")
    @Operation(summary = "After sign-in: the designs made with a guest token become mine (as the cart's merge does for "
            + "lines). Idempotent; 400 invalid-guest-token")
    public Mono<Claimed> claim(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Claim body) {
        return jwts.decode(body.guestToken())
                .onErrorMap(JwtException.class, e -> com.glowglitch.platform.web.ApiException.badRequest("invalid-guest-token",
                        "the guest token is not valid"))
                .flatMap(g -> {
                    Shopper guest = Shopper.of(g);
                    if (!guest.guest()) {
                        return Mono.error(com.glowglitch.platform.web.ApiException.badRequest("invalid-guest-token",
                                "that token is not a guest token"));
                    }
                    return service.claim(Shopper.of(jwt), guest);
                })
                .map(Claimed::new);
    }

    @PostMapping
    @Operation(summary = "Save a new design of a product (version 1): catalog options (checked and priced by the catalog), "
            + "3D parameters and a note. 422 unknown-product / option-not-offered / not-for-sale / customization-limit, "
            + "503 when the catalog is down (nothing saved)")
    public Mono<ResponseEntity<CustomizationView>> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewCustomization body) {
        return service.create(Shopper.of(jwt), body.productId(), body.name(),
                        draft(body.options(), body.design(), body.note()))
                .map(c -> ResponseEntity.created(URI.create("/api/customizations/" + c.id())).body(CustomizationView.of(c, service)));
    }

    @GetMapping
    @Operation(summary = "My designs, newest first, optionally of one product")
    public Flux<CustomizationView.Summary> mine(@AuthenticationPrincipal Jwt jwt,
                                                @RequestParam(required = false) @Pattern(regexp = ID) String productId,
                                                @RequestParam(defaultValue = "50") @Positive @Max(200) int limit) {
        return service.list(Shopper.of(jwt), productId, limit).map(CustomizationView.Summary::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of my designs: the newest version in full and the version history")
    public Mono<CustomizationView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return service.readable(Shopper.of(jwt), id).map(c -> CustomizationView.of(c, service));
    }

    @GetMapping("/{id}/versions/{version}")
    @Operation(summary = "One version of my design, as it was saved (what a cart line or wishlist item names)")
    public Mono<CustomizationView.VersionView> version(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id,
                                                       @PathVariable @Positive @Max(1_000_000) int version) {
        Shopper who = Shopper.of(jwt);
        return service.readable(who, id).flatMap(c -> Mono.justOrEmpty(c.version(version))
                .map(v -> CustomizationView.version(c, v, service)))
                .switchIfEmpty(Mono.error(() -> com.glowglitch.platform.web.ApiException.notFound("customization " + id + " version " + version)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save my design again: a new version made from expectedVersion (409 stale-version when it moved on); "
            + "options and design are the whole new state. 422 option-not-offered / version-limit / not-for-sale")
    public Mono<CustomizationView> save(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id,
                                        @Valid @RequestBody NewVersion body) {
        return service.save(Shopper.of(jwt), id, body.expectedVersion(), body.name(),
                        draft(body.options(), body.design(), body.note()))
                .map(c -> CustomizationView.of(c, service));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete my design and all its versions (cart lines that name it keep their price snapshot)")
    public Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return service.delete(Shopper.of(jwt), id);
    }
}
