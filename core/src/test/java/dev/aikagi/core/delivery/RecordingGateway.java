package dev.aikagi.core.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link MessageGateway} for tests: records every message it is handed and answers with the scripted
 * outcomes in order (then succeeds, or repeats {@link #failAlways} forever). Thread-safe; one per test.
 */
public final class RecordingGateway implements MessageGateway {

    /** What one call does: nothing (sent), or throw. */
    @FunctionalInterface
    public interface Outcome {
        void apply(Message message) throws DeliveryException;
    }

    private final List<Message> delivered = new ArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private Outcome always;
    private Consumer<Message> during = m -> { };

    /** The next calls fail with these, in order. */
    public synchronized RecordingGateway thenFail(DeliveryException... failures) {
        for (DeliveryException failure : failures) {
            script.add(m -> {
                throw failure;
            });
        }
        return this;
    }

    /** The next call throws this unexpected exception. */
    public synchronized RecordingGateway thenThrow(RuntimeException failure) {
        script.add(m -> {
            throw failure;
        });
        return this;
    }

    /** Every call (after the scripted ones) fails with {@code failure}. */
    public synchronized RecordingGateway failAlways(DeliveryException failure) {
        Objects.requireNonNull(failure, "failure");
        this.always = m -> {
            throw failure;
        };
        return this;
    }

    /** Runs {@code action} inside every call, before its outcome: to move a clock, or to race. */
    public synchronized RecordingGateway during(Consumer<Message> action) {
        this.during = Objects.requireNonNull(action, "action");
        return this;
    }

    /** Every message handed over, whatever the outcome, in order. */
    public synchronized List<Message> calls() {
        return List.copyOf(delivered);
    }

    @Override
    public void deliver(Message message) throws DeliveryException {
        Consumer<Message> action;
        Outcome outcome;
        synchronized (this) {
            delivered.add(message);
            action = during;
            outcome = script.isEmpty() ? always : script.poll();
        }
        // Outside the lock: the action may call back into Deliveries, which may call this gateway again.
        action.accept(message);
        if (outcome != null) {
            outcome.apply(message);
        }
    }
}
