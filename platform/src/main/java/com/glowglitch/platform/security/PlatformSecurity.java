package com.glowglitch.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.glowglitch.platform.web.Problems;

import reactor.core.publisher.Mono;

/**
 * The resource-server rules every service shares: stateless, JWT bearer tokens validated
 * against the identity service's JWKS, roles from the {@code roles} claim, problem+json for
 * 401/403. Health, Prometheus and API docs are open; a service lists its own public paths
 * ({@code glowglitch.security.public-paths}); {@code /admin/**} needs the admin role;
 * everything else needs a valid token, and endpoints add their role checks with
 * {@code @PreAuthorize}.
 */
public final class PlatformSecurity {

    private PlatformSecurity() {
    }

    public static SecurityWebFilterChain chain(ServerHttpSecurity http, List<String> publicPaths,
                                               org.springframework.security.oauth2.jwt.ReactiveJwtDecoder decoder) {
        http.authorizeExchange(ex -> {
            ex.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                    "/actuator/info", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                    "/webjars/**").permitAll();
            for (String p : publicPaths) {
                String[] parts = p.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    ex.pathMatchers(HttpMethod.valueOf(parts[0]), parts[1]).permitAll();
                } else {
                    ex.pathMatchers(parts[0]).permitAll();
                }
            }
            ex.pathMatchers("/admin/**", "/actuator/**").hasRole(Roles.ADMIN);
            ex.anyExchange().authenticated();
        });
        return configure(http, decoder).build();
    }

    /**
     * Everything but the authorization rules: stateless bearer-token resource server, roles from
     * the {@code roles} claim, problem+json for 401 and 403.
     */
    public static ServerHttpSecurity configure(ServerHttpSecurity http,
                                               org.springframework.security.oauth2.jwt.ReactiveJwtDecoder decoder) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .oauth2ResourceServer(o -> o
                        .jwt(j -> {
                            j.jwtAuthenticationConverter(authenticationConverter());
                            if (decoder != null) {
                                j.jwtDecoder(decoder);
                            }
                        })
                        .authenticationEntryPoint((exchange, e) -> Problems.write(exchange, unauthorized()))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, forbidden())))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((exchange, ex) -> Problems.write(exchange, unauthorized()))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, forbidden())));
    }

    private static org.springframework.http.ProblemDetail unauthorized() {
        return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A valid bearer token is required");
    }

    private static org.springframework.http.ProblemDetail forbidden() {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this");
    }

    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter() {
        JwtAuthenticationConverter c = new JwtAuthenticationConverter();
        c.setJwtGrantedAuthoritiesConverter(PlatformSecurity::authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(c);
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> out = new ArrayList<>();
        Object roles = jwt.getClaim("roles");
        if (roles instanceof Collection<?> list) {
            for (Object r : list) {
                out.add(new SimpleGrantedAuthority(Roles.authority(String.valueOf(r))));
            }
        }
        return out;
    }
}
