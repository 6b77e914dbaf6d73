package com.glowglitch.identity.auth;

/** Outgoing mail (verification links, password resets). The default implementation only logs. */
public interface Mailer {

    void send(String to, String subject, String body);
}
