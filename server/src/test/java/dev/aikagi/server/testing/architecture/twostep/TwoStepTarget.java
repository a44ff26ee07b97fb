package dev.aikagi.server.testing.architecture.twostep;

import dev.aikagi.server.testing.architecture.login.LoginOffender;

/** The other end of a journey-to-journey cycle, for ArchitectureTest. */
public final class TwoStepTarget {

    public String name() {
        return LoginOffender.class.getSimpleName();
    }
}
