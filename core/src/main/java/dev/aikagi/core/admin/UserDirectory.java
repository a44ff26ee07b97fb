package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.contact.EmailAddress;
import dev.aikagi.core.contact.PhoneNumber;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.store.Transactions;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts as an operator finds and makes them (issue 18): create with a password (the same rules as sign-up,
 * {@link SignUp}), read, and search by username, email or phone. Email and phone given by the operator count as
 * verified: the operator vouches for them, as Keycloak's admin API does with {@code emailVerified}.
 */
public final class UserDirectory {

    private final AccountRepository accounts;
    private final ContactChannelRepository channels;
    private final SignUp signUp;
    private final Roles roles;
    private final Auditor audit;
    private final Transactions transactions;
    private final String phoneRegion;
    private final Clock clock;

    public UserDirectory(AccountRepository accounts, ContactChannelRepository channels, SignUp signUp, Roles roles,
                         Auditor audit, Transactions transactions, String phoneRegion, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.signUp = Objects.requireNonNull(signUp, "signUp");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.phoneRegion = Objects.requireNonNull(phoneRegion, "phoneRegion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What to create: a username and a password; email and phone are optional ({@code language} of messages). */
    public record NewUser(String username, String password, Optional<String> email, Optional<String> phone,
                          String language) {
        public NewUser {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(phone, "phone");
            language = language == null || language.isBlank() ? "ja" : language.strip();
        }

        @Override
        public String toString() {
            return "NewUser[" + username + "]";
        }
    }

    /**
     * Creates the account, with its email and phone (verified by the operator's word).
     *
     * @param by who asked: {@code client:<client id>} or {@code command}
     */
    public Outcome<UserView, AdminFailure> create(NewUser user, String by) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(by, "by");
        Optional<Optional<EmailAddress>> email = user.email().filter(e -> !e.isBlank()).map(EmailAddress::parse);
        Optional<PhoneNumber.Parsed> phone = user.phone().filter(p -> !p.isBlank())
                .map(p -> PhoneNumber.parse(p, phoneRegion));
        if (email.isPresent() && email.get().isEmpty() || phone.isPresent() && phone.get().number().isEmpty()) {
            return Outcome.refused(AdminFailure.CONTACT_INVALID);
        }
        return transactions.inTransaction(() -> {
            Outcome<AccountId, SignUp.Problem> created = signUp.register(user.username(), user.password(), null);
            return switch (created) {
                case Outcome.Refused<AccountId, SignUp.Problem> refused -> Outcome.refused(switch (refused.failure()) {
                    case USERNAME_INVALID -> AdminFailure.USERNAME_INVALID;
                    case USERNAME_TAKEN -> AdminFailure.USERNAME_TAKEN;
                    default -> AdminFailure.PASSWORD_REJECTED;
                });
                case Outcome.Done<AccountId, SignUp.Problem> done -> {
                    AccountId id = done.value();
                    email.flatMap(e -> e).ifPresent(e -> channels.save(new ContactChannel(id, Channel.EMAIL, e.value(),
                            user.language(), false, clock.instant())));
                    phone.flatMap(PhoneNumber.Parsed::number).ifPresent(p -> channels.save(new ContactChannel(id,
                            Channel.SMS, p.e164(), user.language(), false, clock.instant())));
                    audit.record(AuditType.ACCOUNT_CREATED_BY_ADMIN, id, null, Map.of("by", by));
                    yield Outcome.done(find(id).orElseThrow());
                }
            };
        });
    }

    public Optional<UserView> find(AccountId id) {
        return accounts.findById(Objects.requireNonNull(id, "id")).map(this::view);
    }

    public Optional<UserView> findByUsername(String username) {
        return Username.canonical(username == null ? "" : username).flatMap(accounts::findByUsername).map(this::view);
    }

    /**
     * The accounts whose username, email or phone is exactly {@code query} (a username in any case and width, an
     * email address, a phone number in any usual form): at most a few, since each of these is unique or nearly.
     */
    public List<UserView> search(String query) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        Set<AccountId> found = new LinkedHashSet<>();
        Username.canonical(text).flatMap(accounts::findByUsername).ifPresent(a -> found.add(a.id()));
        EmailAddress.parse(text).ifPresent(e -> channels.findByAddress(Channel.EMAIL, e.value())
                .forEach(c -> found.add(c.accountId())));
        PhoneNumber.parse(text, phoneRegion).number().ifPresent(p -> channels.findByAddress(Channel.SMS, p.e164())
                .forEach(c -> found.add(c.accountId())));
        return found.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    private UserView view(Account account) {
        AccountId id = account.id();
        return new UserView(id, account.username(), account.createdAt(), Optional.ofNullable(account.disabledAt()),
                channels.find(id, Channel.EMAIL).map(c -> new UserView.Contact(c.address(), c.verifiedAt())),
                channels.find(id, Channel.SMS).map(c -> new UserView.Contact(c.address(), c.verifiedAt())),
                Arrays.stream(Role.values()).filter(r -> roles.holds(id, r)).toList());
    }
}
