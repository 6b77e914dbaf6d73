package com.glowglitch.platform.dlt;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/** Admin view of this service's dead-letter topics, and replay. */
@RestController
@RequestMapping("/admin/dlt")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Mono<Map<String, Long>> depths() {
        return deadLetters.depths();
    }

    @PostMapping("/{topic}/replay")
    public Mono<Map<String, Object>> replay(@PathVariable String topic) {
        if (!deadLetters.topics().contains(topic)) {
            return Mono.error(ApiException.notFound("dead-letter topic " + topic + " of this service"));
        }
        return deadLetters.replay(topic).map(n -> Map.of("topic", topic, "replayed", n));
    }
}
