package com.glowglitch.platform.events;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: attributes travel as {@code ce_*}
 * headers, the record value is the event's JSON data. Trace context rides along as W3C
 * {@code traceparent}.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    private CloudEventHeaders() {
    }
}
