package dev.aikagi.core.login;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import java.util.Objects;
import java.util.Set;

/** What can happen to a {@link LoginFlow}. Events are facts already checked by the factor classes. */
public sealed interface LoginEvent {

    /**
     * The password of {@code accountId} was right.
     *
     * @param secondFactors the account's enrolled second factors; empty means the password suffices
     * @param defaultMethod the method challenged first; ignored when {@code secondFactors} is empty
     */
    record PasswordVerified(AccountId accountId, Set<FactorKind> secondFactors, FactorKind defaultMethod)
            implements LoginEvent {
        public PasswordVerified {
            Objects.requireNonNull(accountId, "accountId");
            secondFactors = Set.copyOf(secondFactors);
            for (FactorKind kind : secondFactors) {
                if (!kind.isSecondFactor()) {
                    throw new IllegalArgumentException(kind + " is not a second factor");
                }
            }
            if (!secondFactors.isEmpty() && !secondFactors.contains(defaultMethod)) {
                throw new IllegalArgumentException("default method " + defaultMethod + " is not enrolled");
            }
        }
    }

    /** "Try another way": the person picked another enrolled method. */
    record MethodChosen(FactorKind method) implements LoginEvent {
        public MethodChosen {
            Objects.requireNonNull(method, "method");
        }
    }

    /** A code of {@code method} was accepted. */
    record SecondFactorVerified(FactorKind method) implements LoginEvent {
        public SecondFactorVerified {
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * Issue 17: the browser or app holds a remembered-device secret of this account that has not expired
     * (checked by {@link dev.aikagi.core.trust.TrustedDevices}): the second step is skipped.
     */
    record DeviceRemembered() implements LoginEvent {
    }

    /**
     * A passkey of {@code accountId} with user verification answered a login's own challenge (issue 17: a login with
     * a passkey alone; the passkey is two factors, possession and the unlock).
     */
    record PasskeyVerified(AccountId accountId) implements LoginEvent {
        public PasskeyVerified {
            Objects.requireNonNull(accountId, "accountId");
        }
    }
}
