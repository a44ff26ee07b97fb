package dev.aikagi.core.delivery;

/** Where a queued message stands. Names are stored. */
public enum DeliveryState {
    /** Not sent yet; due at {@code nextAttemptAt}. */
    PENDING,
    SENT,
    /** Given up: a permanent failure, too many attempts, or expired before it could be sent. */
    FAILED
}
