package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.policy.ClientAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core services as the server wires them, on the server's own H2 database. */
class LoginWiringTest {

    private static final ClientAddress FROM = new ClientAddress("127.0.0.1");

    @TempDir
    static Path dataDir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginWhenNoSecondFactorThenAuthenticatedWithPasswordOnly() {
        register("hanako", "correct horse battery");

        LoginResult result = server.bean(LoginService.class).submitPassword("Hanako", "correct horse battery", FROM);

        assertThat(result).isInstanceOfSatisfying(LoginResult.Authenticated.class,
                a -> assertThat(a.flow().amr()).containsExactly("pwd"));
    }

    @Test
    void loginWhenTotpAndBackupCodesEnrolledThenBackupCodeWorksOnce() {
        AccountId id = register("taro", "ゆきだるまの朝ごはん");
        TotpAuthenticator totp = server.bean(TotpAuthenticator.class);
        Clock clock = server.bean(Clock.class);
        TotpEnrollment enrollment = totp.begin(id, "taro", clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        assertThat(totp.confirm(id, Totp.codeAt(key, clock.instant(), TotpParameters.DEFAULT), clock.instant()).isAccepted()).isTrue();
        IssuedBackupCodes codes = server.bean(BackupCodes.class).issue(id, clock.instant());
        LoginService login = server.bean(LoginService.class);

        LoginResult first = login.submitPassword("taro", "ゆきだるまの朝ごはん", FROM);
        assertThat(first).isInstanceOfSatisfying(LoginResult.SecondFactorRequired.class, r -> {
            assertThat(r.flow().challenge()).isEqualTo(FactorKind.TOTP);
            assertThat(r.flow().secondFactors()).containsExactlyInAnyOrder(FactorKind.TOTP, FactorKind.BACKUP_CODE);
        });
        var flowId = ((LoginResult.SecondFactorRequired) first).flow().id();
        LoginResult done = login.verifySecondFactor(flowId, FactorKind.BACKUP_CODE, codes.displayed().get(0), FROM);
        assertThat(done).isInstanceOfSatisfying(LoginResult.Authenticated.class, a -> {
            assertThat(a.flow().amr()).containsExactly("pwd", "backup_code");
            assertThat(a.remainingBackupCodes()).hasValue(9);
        });

        var again = ((LoginResult.SecondFactorRequired) login.submitPassword("taro", "ゆきだるまの朝ごはん", FROM)).flow().id();
        LoginResult reused = login.verifySecondFactor(again, FactorKind.BACKUP_CODE, codes.codes().get(0), FROM);
        assertThat(reused).isEqualTo(LoginResult.Failed.of(LoginFailure.CODE_ALREADY_USED));
    }

    private static AccountId register(String username, String password) {
        Outcome<AccountId, SignUp.Problem> result = server.bean(SignUp.class).register(username, password, "127.0.0.1");
        assertThat(result.refusal()).isEmpty();
        return result.doneValue().orElseThrow();
    }
}
