package dev.aikagi.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPrefixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.10 | 192.0.2.10",
            "2001:db8:1:2::1 | 2001:db8:1:2::/64",
            "2001:0DB8:0001:0002:ffff:eeee:dddd:cccc | 2001:db8:1:2::/64",
            "[2001:db8:1:2::abcd] | 2001:db8:1:2::/64",
            "fe80::1%eth0 | fe80:0:0:0::/64",
            "::1 | 0:0:0:0::/64",
            "2001:db8::1 | 2001:db8:0:0::/64",
            "::ffff:192.0.2.7 | 192.0.2.7",
            "0:0:0:0:0:ffff:c000:207 | 192.0.2.7",
            "64:ff9b::192.0.2.7 | 64:ff9b:0:0::/64",
            "unknown | unknown",
            "1:2:3 | 1:2:3",
            "1::2::3 | 1::2::3",
            "12345::1 | 12345::1",
            "1:2:3:4:5:6:7:8:9 | 1:2:3:4:5:6:7:8:9",
            "::ffff:300.0.2.7 | ::ffff:300.0.2.7"})
    void ofWhenAddressThenIpv4ItselfOrIpv6Its64(String address, String expected) {
        assertThat(AddressPrefix.of(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:aa:bb::1, 2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::, 2001:db8:00aa:00bb:ffff::"})
    void ofWhenSame64ThenSameKey(String one, String other) {
        assertThat(AddressPrefix.of(one)).isEqualTo(AddressPrefix.of(other));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:aa:bb::1, 2001:db8:aa:bc::1", "192.0.2.1, 192.0.2.2"})
    void ofWhenOtherNetworkThenOtherKey(String one, String other) {
        assertThat(AddressPrefix.of(one)).isNotEqualTo(AddressPrefix.of(other));
    }

    @Test
    void limitKeyWhenClientAddressThenItsPrefix() {
        assertThat(new ClientAddress("2001:db8:1:2:3:4:5:6").limitKey()).isEqualTo("2001:db8:1:2::/64");
        assertThat(new ClientAddress("192.0.2.1").limitKey()).isEqualTo("192.0.2.1");
    }

    @Test
    void ofWhenNullThenNamesTheParameter() {
        assertThatNullPointerException().isThrownBy(() -> AddressPrefix.of(null)).withMessage("address");
    }
}
