package dev.aikagi.core.factor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The outcome of checking something a person entered: a value, never an exception. */
public sealed interface Verification permits Verification.Accepted, Verification.Rejected {

    boolean isAccepted();

    /**
     * @param remainingCodes for backup codes, how many unused codes the set still has after this one
     */
    record Accepted(FactorKind factor, OptionalInt remainingCodes) implements Verification {
        public Accepted {
            Objects.requireNonNull(factor, "factor");
            Objects.requireNonNull(remainingCodes, "remainingCodes");
        }

        public static Accepted of(FactorKind factor) {
            return new Accepted(factor, OptionalInt.empty());
        }

        @Override
        public boolean isAccepted() {
            return true;
        }
    }

    /** @param retryAt when {@link RejectReason#RATE_LIMITED}, the earliest moment to try again */
    record Rejected(RejectReason reason, Optional<Instant> retryAt) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAt, "retryAt");
        }

        public static Rejected of(RejectReason reason) {
            return new Rejected(reason, Optional.empty());
        }

        public static Rejected rateLimited(Instant retryAt) {
            return new Rejected(RejectReason.RATE_LIMITED, Optional.of(retryAt));
        }

        @Override
        public boolean isAccepted() {
            return false;
        }
    }
}
