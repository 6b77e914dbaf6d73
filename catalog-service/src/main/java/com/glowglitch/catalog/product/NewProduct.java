package com.glowglitch.catalog.product;

import java.util.List;

import com.glowglitch.platform.money.Money;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/products}. */
public record NewProduct(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}<>]*", message = "must not contain control characters or angle brackets") String name,
        @Size(max = 5000) @Pattern(regexp = "[^<>]*", message = "must be plain text (no HTML)") String description,
        @NotNull Category category,
        @NotNull @Valid Money price,
        ProductStatus status,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "[\\p{L}\\p{N} -]+", message = "letters, digits, spaces and hyphens only") String> tags,
        @Size(max = 50) List<@Valid NewVariant> variants,
        @Valid Options options,
        @Valid Merchandising merchandising) {

    /** A sellable variant (size, metal, ...) with its own SKU and stock. */
    public record NewVariant(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "3-40 upper-case letters, digits and hyphens") String sku,
            @Size(max = 60) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String label,
            @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(1_000_000) int stock) {
    }
}
