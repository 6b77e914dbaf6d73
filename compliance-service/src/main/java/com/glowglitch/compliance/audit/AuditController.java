package com.glowglitch.compliance.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Audit trail of one resource (admin), e.g. ?resource=product:{id}")
    public Mono<CursorPage<AuditEntry>> forResource(@RequestParam String resource,
                                                    @RequestParam(required = false) Integer limit,
                                                    @RequestParam(required = false) String cursor) {
        if (!resource.matches("[a-z]+:[A-Za-z0-9_\\-]{1,100}")) {
            return Mono.error(ApiException.badRequest("invalid-resource", "resource must look like product:{id}"));
        }
        int n = CursorPage.limit(limit);
        CursorPage.TimeKey after = CursorPage.TimeKey.decode(cursor);
        return trail.forResource(resource, after == null ? null : after.time(), after == null ? null : after.id(), n + 1)
                .collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, last -> new CursorPage.TimeKey(last.occurredAt(), last.id()).encode()));
    }
}
