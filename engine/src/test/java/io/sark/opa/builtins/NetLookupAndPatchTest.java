package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/** net.lookup_ip_addr without DNS, and json.patch replacing the whole document. */
class NetLookupAndPatchTest {

    @Test
    void ipLiteralsAndLocalhostAreAnsweredWithoutDns() {
        assertThat(call("net.lookup_ip_addr", "\"10.0.0.0\"").toString()).isEqualTo("[\"10.0.0.0\"]");
        assertThat(call("net.lookup_ip_addr", "\"0:0:0:0:0:0:0:1\"").toString()).isEqualTo("[\"::1\"]");
        assertThat(call("net.lookup_ip_addr", "\"LocalHost.\"").toString()).isEqualTo("[\"127.0.0.1\",\"::1\"]");
        assertThat(call("net.lookup_ip_addr", "\"db.localhost\"").toString()).isEqualTo("[\"127.0.0.1\",\"::1\"]");
    }

    @Test
    void otherNamesAreAnErrorNotAnEmptyAnswer() {
        assertThatThrownBy(() -> call("net.lookup_ip_addr", "\"example.com\""))
                .isInstanceOf(BuiltinException.class)
                .isNotInstanceOf(BuiltinTypeException.class)
                .hasMessageContaining("net.lookup_ip_addr: lookup example.com: DNS resolution is not available");
        assertThatThrownBy(() -> call("net.lookup_ip_addr", "1")).isInstanceOf(BuiltinTypeException.class);
    }

    @Test
    void replaceAtTheRootReplacesTheDocument() {
        assertThat(call("json.patch", "{\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"baz\":1}}]")
                .toString()).isEqualTo("{\"baz\":1}");
        assertThat(call("json.patch", "\"foo\"", "[{\"op\":\"replace\",\"path\":\"\",\"value\":\"bar\"}]").textValue())
                .isEqualTo("bar");
        assertThat(call("json.patch", "{}", "[{\"op\":\"replace\",\"path\":\"\"}]")).isNull();
    }
}
