package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ending one's sessions from the security page (issue 17): each ends as at a logout, applications' tokens too. */
class SignOutTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.50");
    private static final String PASSWORD = "a long and private passphrase";

    private final TestWorld world = new TestWorld("2026-12-07T09:00:00Z", 19);
    private final List<Session> signedOut = new CopyOnWriteArrayList<>();
    private final SignOut signOut = new SignOut(world.sessions, new SessionListener() {
        @Override
        public void signedIn(Session session) {
        }

        @Override
        public void signedOut(Session session) {
            signedOut.add(session);
        }
    }, world.audit);

    @BeforeEach
    void signUp() {
        world.core.signUp().register("hanako", PASSWORD, FROM.value());
        world.core.signUp().register("jiro", PASSWORD, FROM.value());
    }

    private Session login(String username) {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword(username, PASSWORD, FROM);
        return world.sessions.open(result.flow(), Session.Kind.BROWSER).session();
    }

    @Test
    void endSessionWhenItIsTheAccountsThenEndedAndToldAndAudited() {
        Session current = login("hanako");
        Session other = login("hanako");

        assertThat(signOut.endSession(current, other.id(), FROM)).contains(other);

        assertThat(world.sessions.active(current.accountId())).extracting(Session::id).containsExactly(current.id());
        assertThat(signedOut).extracting(Session::id).containsExactly(other.id());
        assertThat(world.auditLog.recent(current.accountId(), 20)).filteredOn(e -> e.type() == AuditType.SESSION_ENDED)
                .hasSize(1);
    }

    @Test
    void endSessionWhenItIsAnotherAccountsOrUnknownThenNothingEnds() {
        Session current = login("hanako");
        Session stranger = login("jiro");

        assertThat(signOut.endSession(current, stranger.id(), FROM)).isEmpty();
        assertThat(signOut.endSession(current, UUID.randomUUID(), FROM)).isEmpty();

        assertThat(world.sessions.active(stranger.accountId())).hasSize(1);
        assertThat(signedOut).isEmpty();
    }

    @Test
    void endOthersWhenSeveralThenOnlyTheCurrentStays() {
        Session current = login("hanako");
        login("hanako");
        login("hanako");
        Session stranger = login("jiro");

        assertThat(signOut.endOthers(current, FROM)).isEqualTo(2);

        assertThat(world.sessions.active(current.accountId())).extracting(Session::id).containsExactly(current.id());
        assertThat(world.sessions.active(stranger.accountId())).hasSize(1);
        assertThat(signedOut).hasSize(2);
        assertThat(world.auditLog.recent(current.accountId(), 20)).filteredOn(e -> e.type() == AuditType.SESSIONS_ENDED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("count", "2"));
    }
}
