package dev.aikagi.core.admin;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.role.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator sees of an account (admin API and command line, issue 18): never a password hash or a secret.
 * Email and phone are the verified ones (Aikagi keeps no unverified address).
 */
public record UserView(AccountId id, String username, Instant createdAt, Optional<Instant> disabledAt,
                       Optional<Contact> email, Optional<Contact> phone, List<Role> roles) {

    public UserView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(disabledAt, "disabledAt");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        roles = List.copyOf(roles);
    }

    /** An address and when it was verified. */
    public record Contact(String address, Instant verifiedAt) {
        public Contact {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(verifiedAt, "verifiedAt");
        }
    }

    @Override
    public String toString() {
        return "UserView[" + id + "]";
    }
}
