package dev.aikagi.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PurposeMacTest {

    private static final byte[] MESSAGE = "1700000000000|/oauth2/authorize?client_id=web".getBytes(StandardCharsets.UTF_8);

    @Test
    void constructorWhenNullOrOddPurposeThenRefused() {
        assertThatNullPointerException().isThrownBy(() -> new PurposeMac(null, "x")).withMessage("ring");
        assertThatNullPointerException().isThrownBy(() -> new PurposeMac(TestSecrets.keyRing("p1"), null))
                .withMessage("purpose");
        assertThatIllegalArgumentException().isThrownBy(() -> new PurposeMac(TestSecrets.keyRing("p1"), "Has Space"));
    }

    @Test
    void signWhenVerifiedThenTrueAndAnyChangeFalse() {
        PurposeMac mac = new PurposeMac(TestSecrets.keyRing("p1"), "oidc-pending-authorization");
        PurposeMac.Tag tag = mac.sign(MESSAGE);

        assertThat(tag.keyId()).isEqualTo("p1");
        assertThat(tag.value()).hasSize(32);
        assertThat(tag.toString()).doesNotContain(HexFormat.of().formatHex(tag.value()));
        assertThat(mac.verify("p1", MESSAGE, tag.value())).isTrue();
        byte[] altered = MESSAGE.clone();
        altered[0] ^= 1;
        assertThat(mac.verify("p1", altered, tag.value())).isFalse();
        byte[] badTag = tag.value();
        badTag[31] ^= 1;
        assertThat(mac.verify("p1", MESSAGE, badTag)).isFalse();
        assertThat(mac.verify("p2", MESSAGE, tag.value())).as("unknown key id").isFalse();
        assertThat(mac.verify(null, MESSAGE, tag.value())).isFalse();
        assertThat(mac.verify("p1", MESSAGE, null)).isFalse();
        assertThat(mac.verify("p1", MESSAGE, new byte[0])).isFalse();
    }

    @Test
    void signWhenOtherPurposeOrRawRingKeyThenDifferentTag() throws Exception {
        KeyRing ring = TestSecrets.keyRing("p1");
        byte[] one = new PurposeMac(ring, "oidc-pending-authorization").sign(MESSAGE).value();
        byte[] two = new PurposeMac(ring, "something-else").sign(MESSAGE).value();
        Mac raw = Mac.getInstance("HmacSHA256");
        raw.init(new SecretKeySpec(TestSecrets.key("p1"), "HmacSHA256"));

        assertThat(one).isNotEqualTo(two);
        assertThat(one).as("the ring key is never used raw").isNotEqualTo(raw.doFinal(MESSAGE));
        assertThat(new PurposeMac(ring, "something-else").verify("p1", MESSAGE, one)).isFalse();
    }

    @Test
    void verifyWhenKeyRotatedThenOldTagsStillVerifyWhileTheKeyStays() {
        byte[] old = new PurposeMac(TestSecrets.keyRing("p1"), "x").sign(MESSAGE).value();
        PurposeMac rotated = new PurposeMac(TestSecrets.keyRing("p2", "p1"), "x");

        assertThat(rotated.sign(MESSAGE).keyId()).isEqualTo("p2");
        assertThat(rotated.verify("p1", MESSAGE, old)).isTrue();
        assertThat(new PurposeMac(TestSecrets.keyRing("p2"), "x").verify("p1", MESSAGE, old))
                .as("a key taken out of the ring verifies nothing").isFalse();
    }
}
