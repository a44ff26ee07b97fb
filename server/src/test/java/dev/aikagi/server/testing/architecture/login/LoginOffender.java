package dev.aikagi.server.testing.architecture.login;

import dev.aikagi.server.testing.architecture.config.ConfigTarget;
import dev.aikagi.server.testing.architecture.twostep.TwoStepTarget;

/** Breaks the package rules on purpose, so that ArchitectureTest can show its rules fail. */
public final class LoginOffender {

    public String reach() {
        return new TwoStepTarget().name() + new ConfigTarget();
    }
}
