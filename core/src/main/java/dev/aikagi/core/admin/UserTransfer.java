package dev.aikagi.core.admin;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.contact.EmailAddress;
import dev.aikagi.core.contact.PhoneNumber;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.TotpFactor;
import dev.aikagi.core.factor.totp.TotpFactorRepository;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Moving a user base in and out (issue 18): one user at a time, as the command line reads and writes JSON lines.
 * Password hashes are taken as they are (Argon2id, bcrypt or PBKDF2-SHA-256, {@link PasswordHasher#canVerify}) and
 * replaced by the house Argon2id at the next successful login; TOTP secrets are sealed with the key ring on the way
 * in, as enrolment seals them. Aikagi keeps only verified email addresses and phone numbers: unverified ones are
 * left out, and said so.
 */
public final class UserTransfer {

    static final int EXPORT_PAGE = 200;

    private final AccountRepository accounts;
    private final ContactChannelRepository channels;
    private final TotpFactorRepository totpFactors;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Transactions transactions;
    private final String phoneRegion;
    private final Clock clock;

    public UserTransfer(AccountRepository accounts, ContactChannelRepository channels, TotpFactorRepository totpFactors,
                        SecretCipher cipher, SecretGenerator generator, Auditor audit, Transactions transactions,
                        String phoneRegion, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.totpFactors = Objects.requireNonNull(totpFactors, "totpFactors");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.phoneRegion = Objects.requireNonNull(phoneRegion, "phoneRegion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One user as exported or to be imported.
     *
     * @param passwordHash a PHC-style string: {@code $argon2id$…}, {@code $2b$…} or {@code $pbkdf2-sha256$i=…}
     * @param totpSecret the authenticator key in Base32 (SHA-1, 6 digits, 30 seconds), if the user has one
     * @param language of the messages sent to the user: ja or en
     */
    public record TransferredUser(String username, Optional<String> email, boolean emailVerified, Optional<String> phone,
                                  boolean phoneVerified, String passwordHash, Optional<String> totpSecret,
                                  boolean disabled, Optional<Instant> createdAt, String language) {
        public TransferredUser {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(totpSecret, "totpSecret");
            Objects.requireNonNull(createdAt, "createdAt");
            language = "en".equals(language) ? "en" : "ja";
        }

        @Override
        public String toString() {
            return "TransferredUser[" + username + "]";
        }
    }

    /** Why a user was not imported; each has a stable code. */
    public enum ImportProblem {
        USERNAME_INVALID("username_invalid"),
        USERNAME_TAKEN("username_taken"),
        PASSWORD_HASH_UNSUPPORTED("password_hash_unsupported"),
        CONTACT_INVALID("contact_invalid"),
        TOTP_SECRET_INVALID("totp_secret_invalid");

        private final String code;

        ImportProblem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Imports one user, all of it or nothing; {@code by} is who ran the import. */
    public Outcome<AccountId, ImportProblem> importUser(TransferredUser user, String by) {
        Objects.requireNonNull(user, "user");
        Optional<String> username = Username.forNewAccount(user.username() == null ? "" : user.username());
        if (username.isEmpty()) {
            return Outcome.refused(ImportProblem.USERNAME_INVALID);
        }
        PasswordHash hash;
        try {
            hash = new PasswordHash(user.passwordHash() == null ? "" : user.passwordHash().strip());
        } catch (IllegalArgumentException notPhc) {
            return Outcome.refused(ImportProblem.PASSWORD_HASH_UNSUPPORTED);
        }
        if (!PasswordHasher.canVerify(hash)) {
            return Outcome.refused(ImportProblem.PASSWORD_HASH_UNSUPPORTED);
        }
        Optional<EmailAddress> email = Optional.empty();
        if (user.emailVerified() && user.email().filter(e -> !e.isBlank()).isPresent()) {
            email = EmailAddress.parse(user.email().get());
            if (email.isEmpty()) {
                return Outcome.refused(ImportProblem.CONTACT_INVALID);
            }
        }
        Optional<PhoneNumber> phone = Optional.empty();
        if (user.phoneVerified() && user.phone().filter(p -> !p.isBlank()).isPresent()) {
            phone = PhoneNumber.parse(user.phone().get(), phoneRegion).number();
            if (phone.isEmpty()) {
                return Outcome.refused(ImportProblem.CONTACT_INVALID);
            }
        }
        Optional<byte[]> totpKey = Optional.empty();
        if (user.totpSecret().filter(s -> !s.isBlank()).isPresent()) {
            totpKey = Base32.decode(user.totpSecret().get()).filter(k -> k.length >= 10);
            if (totpKey.isEmpty()) {
                return Outcome.refused(ImportProblem.TOTP_SECRET_INVALID);
            }
        }
        Optional<EmailAddress> verifiedEmail = email;
        Optional<PhoneNumber> verifiedPhone = phone;
        Optional<byte[]> key = totpKey;
        Instant now = clock.instant();
        Account account = new Account(new AccountId(generator.uuid()), username.get(), hash,
                user.createdAt().orElse(now));
        try {
            transactions.inTransaction(() -> {
                accounts.create(account);
                if (user.disabled()) {
                    accounts.disable(account.id(), now);
                }
                verifiedEmail.ifPresent(e -> channels.save(new ContactChannel(account.id(), Channel.EMAIL, e.value(),
                        user.language(), false, now)));
                verifiedPhone.ifPresent(p -> channels.save(new ContactChannel(account.id(), Channel.SMS, p.e164(),
                        user.language(), false, now)));
                key.ifPresent(k -> {
                    UUID id = generator.uuid();
                    totpFactors.createPending(new TotpFactor(id, account.id(), cipher.seal(k, TotpFactor.sealingContext(id)),
                            TotpParameters.DEFAULT, TotpFactor.NO_STEP, now, null));
                    totpFactors.confirm(id, TotpFactor.NO_STEP, now);
                    Arrays.fill(k, (byte) 0);
                });
                return null;
            });
        } catch (Conflict taken) {
            return Outcome.refused(ImportProblem.USERNAME_TAKEN);
        }
        audit.record(AuditType.ACCOUNT_CREATED_BY_ADMIN, account.id(), null, Map.of("by", by, "imported", "true"));
        return Outcome.done(account.id());
    }

    /** Records one import run in the audit log. */
    public void imported(int imported, int skipped, String by) {
        audit.record(AuditType.USERS_IMPORTED, null, null, Map.of("by", by, "imported", String.valueOf(imported),
                "skipped", String.valueOf(skipped)));
    }

    /** Every user, in id order, a page at a time, to {@code sink}; returns how many. */
    public int exportAll(boolean withTotpSecrets, java.util.function.Consumer<TransferredUser> sink) {
        Objects.requireNonNull(sink, "sink");
        int count = 0;
        Optional<AccountId> after = Optional.empty();
        while (true) {
            List<Account> page = accounts.list(after, EXPORT_PAGE);
            for (Account account : page) {
                sink.accept(exported(account, withTotpSecrets));
                count++;
            }
            if (page.size() < EXPORT_PAGE) {
                return count;
            }
            after = Optional.of(page.getLast().id());
        }
    }

    private TransferredUser exported(Account account, boolean withTotpSecrets) {
        Optional<ContactChannel> email = channels.find(account.id(), Channel.EMAIL);
        Optional<ContactChannel> phone = channels.find(account.id(), Channel.SMS);
        Optional<String> totp = withTotpSecrets ? totpFactors.findConfirmed(account.id()).map(f -> {
            byte[] k = cipher.open(f.sealedSecret(), TotpFactor.sealingContext(f.id()));
            try {
                return Base32.encode(k);
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        }) : Optional.empty();
        return new TransferredUser(account.username(), email.map(ContactChannel::address), email.isPresent(),
                phone.map(ContactChannel::address), phone.isPresent(), account.passwordHash().encoded(), totp,
                account.isDisabled(), Optional.of(account.createdAt()),
                email.or(() -> phone).map(ContactChannel::language).orElse("ja"));
    }
}
