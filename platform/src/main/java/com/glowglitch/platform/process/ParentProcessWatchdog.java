package com.glowglitch.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the local-stack launcher starts a service it passes its own pid in
 * {@code GLOWGLITCH_PARENT_PID}; if the launcher dies without stopping its children (kill -9,
 * a crashed terminal), the service shuts itself down instead of lingering as an orphan that
 * holds its port.
 */
public final class ParentProcessWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private ParentProcessWatchdog() {
    }

    public static void watch(ConfigurableApplicationContext context, String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        long pid = Long.parseLong(parentPid.trim());
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    log.warn("launcher process {} is gone; shutting down", pid);
                    System.exit(SpringApplication.exit(context, () -> 0));
                }),
                () -> {
                    log.warn("launcher process {} does not exist; shutting down", pid);
                    System.exit(SpringApplication.exit(context, () -> 0));
                });
    }
}
