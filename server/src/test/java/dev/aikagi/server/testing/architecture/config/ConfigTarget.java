package dev.aikagi.server.testing.architecture.config;

/** Wiring that a journey must not use, for ArchitectureTest. */
public final class ConfigTarget {
}
