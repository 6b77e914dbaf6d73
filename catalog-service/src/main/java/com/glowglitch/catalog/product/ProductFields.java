package com.glowglitch.catalog.product;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.glowglitch.platform.web.ApiException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Field projection for list views: {@code fields=id,name,slug,price,images} keeps only those
 * top-level fields of each product, so a grid of 100 cards does not carry 100 descriptions and
 * option tables. Unknown names are a 400 naming the allowed ones.
 */
final class ProductFields {

    static final List<String> ALLOWED = Arrays.stream(ProductView.class.getRecordComponents()).map(c -> c.getName()).toList();

    private ProductFields() {
    }

    @SuppressWarnings("unchecked")
    static Function<ProductView, Object> shaper(String fields, JsonMapper json) {
        if (fields == null || fields.isBlank()) {
            return v -> v;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String f : fields.split(",")) {
            String name = f.trim();
            if (!ALLOWED.contains(name)) {
                throw ApiException.badRequest("invalid-fields", "fields are a comma-separated subset of " + String.join(", ", ALLOWED));
            }
            wanted.add(name);
        }
        wanted.add("id"); // a card always needs to know what it shows
        return v -> {
            Map<String, Object> all = json.convertValue(v, Map.class);
            Map<String, Object> out = new LinkedHashMap<>();
            for (String f : wanted) {
                out.put(f, all.get(f));
            }
            return out;
        };
    }
}
