package dev.aikagi.server.properties;

/**
 * Secrets sealed under the encryption key ring ({@link KeyRings#encryption()}) outside the tables the
 * re-encryption command knows itself, such as the OpenID Connect token signing keys. The command reaches
 * them through this interface, so that operator commands do not depend on the package that stores them.
 */
public interface Resealable {

    /**
     * Seals every stored secret again under the current encryption key. Safe beside serving nodes and to run
     * again.
     */
    Resealed resealUnderCurrentKey();

    /** What re-sealing did: secrets moved under the current encryption key, and secrets that could not be opened. */
    record Resealed(int resealed, int unreadable) {
    }
}
