package dev.aikagi.core.factor.passkey;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Ceremony challenges in memory, for the core's tests. */
public final class InMemoryPasskeyChallengeRepository implements PasskeyChallengeRepository {

    private final Map<String, PasskeyChallenge> open = new ConcurrentHashMap<>();
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    @Override
    public void create(PasskeyChallenge challenge) {
        if (open.putIfAbsent(challenge.challenge(), challenge) != null) {
            throw new IllegalStateException("challenge exists");
        }
    }

    @Override
    public synchronized boolean consume(String challenge, PasskeyChallenge.Purpose purpose, String binding, Instant now) {
        PasskeyChallenge c = open.get(challenge);
        if (c == null || used.containsKey(challenge) || c.purpose() != purpose || !c.binding().equals(binding)
                || !c.expiresAt().isAfter(now)) {
            return false;
        }
        used.put(challenge, now);
        return true;
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = open.size();
        open.values().removeIf(c -> c.expiresAt().isBefore(now));
        return before - open.size();
    }
}
