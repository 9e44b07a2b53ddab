package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String blocked : List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
                "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.51.100.7",
                "203.0.113.9", "198.18.0.1", "192.0.0.8", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
                "2001:db8::1", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::127.0.0.1")) {
            assertThat(AddressPolicy.isPublic(InetAddress.getByName(blocked))).as(blocked).isFalse();
        }
        for (String open : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34",
                "2606:4700:4700::1111", "2a00:1450:4001:80b::200e")) {
            assertThat(AddressPolicy.isPublic(InetAddress.getByName(open))).as(open).isTrue();
        }
    }

    @Test
    void allowlistEntriesOpenTheirHostsAndPortsOnly() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of("files.internal", "10.20.0.0/16:9000",
                "[fd00::5]:8080", "store.local:8443"));
        InetAddress private10 = InetAddress.getByName("10.20.3.4");

        assertThat(policy.allowsConnection("files.internal", private10, 443)).isTrue();
        assertThat(policy.allowsConnection("files.internal", private10, 22)).isFalse();
        assertThat(policy.allowsConnection("other.example", private10, 9000)).isTrue();
        assertThat(policy.allowsConnection("other.example", private10, 80)).isFalse();
        assertThat(policy.allowsConnection("10.21.0.1", InetAddress.getByName("10.21.0.1"), 9000)).isFalse();
        assertThat(policy.allowsConnection("fd00::5", InetAddress.getByName("fd00::5"), 8080)).isTrue();
        assertThat(policy.allowsConnection("store.local", InetAddress.getByName("127.0.0.1"), 8443)).isTrue();
        assertThat(policy.allowsConnection("Store.Local.", InetAddress.getByName("127.0.0.1"), 8443)).isTrue();
        assertThat(policy.allowsConnection("x.example", InetAddress.getByName("8.8.8.8"), 8443)).isFalse();
        assertThat(policy.allowsPort("x.example", 8443)).isFalse();
        assertThat(policy.allowsPort("store.local", 8443)).isTrue();
    }

    @Test
    void badEntriesAreRefusedWithAnExample() {
        for (String bad : List.of("http://files", "10.0.0.0/33", "files:port", "[fd00::1", "a b")) {
            assertThatThrownBy(() -> AddressPolicy.allowing(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}
