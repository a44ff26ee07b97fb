package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.session.AccountLinkRepository;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AccountLinkRepository} on the {@code account_link} table: one row per linked account, naming its
 * group. The group id is the id of one member, so no id generator is needed and group ids stay unique as
 * long as every account is in at most one group; when that member leaves, the others move to a new id.
 *
 * <p>A group is changed only by a transaction that holds the lock ({@link AccountLock}) on the account row
 * of its <em>smallest member</em> (an account in no group is its own group). {@code link} takes the two
 * groups' locks in order, smaller first, so it cannot deadlock. Locking just the two accounts named would
 * not do: {@code link(a, b)} and {@code link(c, d)}, with {@code a} and {@code c} already linked, would each
 * move that group under a different id and split it. The smallest member is read before it can be locked,
 * so it is read again once locked; if a merge changed it meanwhile, the transaction is rolled back and
 * tried again, rather than taking another lock out of order.
 */
public final class JdbcAccountLinkRepository implements AccountLinkRepository {

    private static final String GROUP_ID = "select group_id from account_link where account_id = :id";
    private static final String MEMBERS = """
            select m.account_id
            from account_link m
            join account_link x on x.group_id = m.group_id
            where x.account_id = :id""";
    private static final String INSERT = "insert into account_link (account_id, group_id) values (:id, :groupId)";
    private static final String MOVE = "update account_link set group_id = :to where group_id = :from";
    private static final String DELETE = "delete from account_link where account_id = :id";
    private static final String DELETE_GROUP = "delete from account_link where group_id = :groupId";

    /**
     * A retry happens only when a merge committed in between gave a group a smaller member, which can
     * happen only so often; the bound turns a bug into an error rather than a hang.
     */
    private static final int MAX_TRIES = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountLock accountLock;

    public JdbcAccountLinkRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.accountLock = new AccountLock(jdbc);
    }

    /** @throws IllegalArgumentException if either account does not exist */
    @Override
    public void link(AccountId a, AccountId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) {
            return;
        }
        retryWhileGroupsChange(() -> {
            UUID smallestA = smallestMember(a);
            UUID smallestB = smallestMember(b);
            lock(smallestA.compareTo(smallestB) <= 0 ? smallestA : smallestB, a, b);
            lock(smallestA.compareTo(smallestB) <= 0 ? smallestB : smallestA, a, b);
            if (!smallestA.equals(smallestMember(a)) || !smallestB.equals(smallestMember(b))) {
                return false;
            }
            Optional<UUID> groupA = groupId(a);
            Optional<UUID> groupB = groupId(b);
            if (groupA.isPresent() && groupA.equals(groupB)) {
                return true;
            }
            UUID target = groupA.or(() -> groupB).orElse(a.value());
            join(a, groupA, target);
            join(b, groupB, target);
            return true;
        });
    }

    @Override
    public Set<AccountId> group(AccountId account) {
        Objects.requireNonNull(account, "account");
        Set<AccountId> members = members(account);
        return members.isEmpty() ? Set.of(account) : members;
    }

    @Override
    public void unlink(AccountId account) {
        Objects.requireNonNull(account, "account");
        retryWhileGroupsChange(() -> {
            UUID smallest = smallestMember(account);
            lock(smallest);
            if (!smallest.equals(smallestMember(account))) {
                return false;
            }
            Optional<UUID> groupId = groupId(account);
            if (groupId.isEmpty()) {
                return true;
            }
            Set<AccountId> rest = new HashSet<>(members(account));
            rest.remove(account);
            jdbc.sql(DELETE).param("id", account.value()).update();
            if (rest.size() <= 1) {
                // A group of one is no group: the last member goes back to having no row.
                jdbc.sql(DELETE_GROUP).param("groupId", groupId.get()).update();
            } else if (groupId.get().equals(account.value())) {
                // The group was named after the leaver, who may start a group of its own under that id.
                UUID next = rest.stream().map(AccountId::value).min(Comparator.naturalOrder()).orElseThrow();
                jdbc.sql(MOVE).param("from", groupId.get()).param("to", next).update();
            }
            return true;
        });
    }

    /** Puts {@code account} (whose group is {@code current}) and its whole group under {@code target}. */
    private void join(AccountId account, Optional<UUID> current, UUID target) {
        if (current.isEmpty()) {
            jdbc.sql(INSERT).param("id", account.value()).param("groupId", target).update();
        } else if (!current.get().equals(target)) {
            jdbc.sql(MOVE).param("from", current.get()).param("to", target).update();
        }
    }

    /** The smallest id in the group of {@code account}: the account whose row guards the group. */
    private UUID smallestMember(AccountId account) {
        return group(account).stream().map(AccountId::value).min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Locks the account row {@code id}. A missing row is an error only for an account the caller named,
     * which has no group and so is its own guard; a deleted member's link row went with it.
     */
    private void lock(UUID id, AccountId... named) {
        AccountId account = new AccountId(id);
        if (!accountLock.lock(account) && Set.of(named).contains(account)) {
            throw new IllegalArgumentException("no such account: " + account);
        }
    }

    private Optional<UUID> groupId(AccountId account) {
        return jdbc.sql(GROUP_ID).param("id", account.value()).query(UUID.class).optional();
    }

    private Set<AccountId> members(AccountId account) {
        return jdbc.sql(MEMBERS).param("id", account.value())
                .query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What one attempt does inside a transaction; false to roll back and try again. */
    @FunctionalInterface
    private interface Attempt {
        boolean run();
    }

    private void retryWhileGroupsChange(Attempt attempt) {
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Boolean done = transaction.execute(tx -> {
                if (attempt.run()) {
                    return true;
                }
                // Releases the lock taken so far, so the locks are taken again in order.
                tx.setRollbackOnly();
                return false;
            });
            if (Boolean.TRUE.equals(done)) {
                return;
            }
        }
        throw new IllegalStateException("account groups kept changing while being locked");
    }
}
