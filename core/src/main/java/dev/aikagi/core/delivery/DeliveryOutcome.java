package dev.aikagi.core.delivery;

/** What an immediate send attempt achieved; the queue keeps trying after RETRYING. */
public enum DeliveryOutcome {
    SENT,
    /** The first attempt failed but will be retried from the queue. */
    RETRYING,
    /** Given up: a permanent failure or the message expired. */
    FAILED,
    /** Another node holds the message's claim right now. */
    BUSY
}
