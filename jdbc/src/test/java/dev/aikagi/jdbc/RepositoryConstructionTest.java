package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Constructors fail fast and name what is missing (docs/STYLE.md rules 6 and 16). */
class RepositoryConstructionTest {

    static Stream<Function<DataSource, ?>> constructors() {
        return Stream.of(JdbcAccountRepository::new, JdbcTotpFactorRepository::new, JdbcBackupCodeRepository::new,
                JdbcPasskeyRepository::new, JdbcPasskeyChallengeRepository::new,
                JdbcAttemptRepository::new, JdbcLoginFlowRepository::new, JdbcContactChannelRepository::new,
                JdbcOneTimeCodeRepository::new, JdbcAlertTokenRepository::new, JdbcKnownDeviceRepository::new,
                JdbcRecoveryRepository::new, JdbcSupportRepository::new, JdbcEvidenceRepository::new,
                JdbcSealedSecrets::new, JdbcRoleRepository::new, JdbcTrustedDeviceRepository::new,
                JdbcTwoStepResetRepository::new, JdbcInvitationRepository::new);
    }

    @ParameterizedTest
    @MethodSource("constructors")
    void constructorWhenDataSourceNullThenNamesIt(Function<DataSource, ?> constructor) {
        assertThatNullPointerException().isThrownBy(() -> constructor.apply(null)).withMessage("dataSource");
    }
}
