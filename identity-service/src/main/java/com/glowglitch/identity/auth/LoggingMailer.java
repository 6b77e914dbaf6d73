package com.glowglitch.identity.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Local development: mail is written to the log (the link in it is the only way to verify an
 * address locally). A real provider adapter replaces this bean in production.
 */
@Component
public class LoggingMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(LoggingMailer.class);

    @Override
    public void send(String to, String subject, String body) {
        log.info("MAIL to {} — {}\n{}", to, subject, body);
    }
}
