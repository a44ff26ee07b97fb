package dev.aikagi.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNetworkTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1                              | 192.0.2.1",
            "2001:db8:1:2:a:b:c:d                   | 2001:db8:1:2::/64",
            "2001:0DB8:0001:0002:ffff:ffff:ffff:fff | 2001:db8:1:2::/64",
            "2001:db8:1:2::                         | 2001:db8:1:2::/64",
            "[2001:db8::1]                          | 2001:db8:0:0::/64",
            "fe80::1%eth0                           | fe80:0:0:0::/64",
            "::ffff:192.0.2.9                       | 192.0.2.9",
            "::1                                    | 0:0:0:0::/64",
            "unknown                                | unknown",
            "not:an:address:zz                      | not:an:address:zz"})
    void keyWhenAddressThenItsNetwork(String address, String key) {
        assertThat(ClientNetwork.key(address)).isEqualTo(key);
    }
}
