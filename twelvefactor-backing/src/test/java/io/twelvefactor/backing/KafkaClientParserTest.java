package io.twelvefactor.backing;

import static io.twelvefactor.backing.ClientParsersTest.check;
import static io.twelvefactor.backing.ClientParsersTest.dnsName;
import static io.twelvefactor.backing.ClientParsersTest.encode;
import static io.twelvefactor.backing.ClientParsersTest.expectFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.Utils;

/**
 * The differential test for Kafka, as {@link ClientParsersTest} has for the other clients:
 * for 10 000 generated {@code KAFKA_URL}s, kafka-clients' own parser reads from
 * {@code kafkaBootstrapServers()} the brokers this module read. kafka-clients splits
 * {@code bootstrap.servers} as a {@code LIST} config and takes each entry apart with
 * {@code Utils.getHost}/{@code getPort}; for IP literals the test also runs
 * {@code ClientUtils.parseAndValidateAddresses}, which needs no DNS for them.
 */
class KafkaClientParserTest {

    @Example
    void kafkaClientsReadTheBrokersThisModuleReads() {
        check("kafka", 9092L, kafkaUrls(), url -> {
            if (url.contains("%2F")) {
                // kafka-clients has no Unix sockets, so this module refuses one.
                expectFailure(() -> BackingService.parse(url), "this module");
                return;
            }
            BackingService d = BackingService.parse(url);
            String servers = d.kafkaBootstrapServers();
            List<String> entries = list(servers);
            assertEquals(d.hosts().size(), entries.size(), "brokers in " + servers);
            boolean literals = true;
            for (int i = 0; i < entries.size(); i++) {
                Host h = d.hosts().get(i);
                assertEquals(resolvable(h), Utils.getHost(entries.get(i)), "host");
                assertEquals(h.port(), Utils.getPort(entries.get(i)), "port");
                // A zone names an interface of the machine, which this one may lack.
                literals &= h.isIpv6() && h.name().indexOf('%') < 0 || h.name().matches("[0-9.]+");
            }
            if (literals) {
                List<InetSocketAddress> read = ClientUtils.parseAndValidateAddresses(entries,
                        ClientDnsLookup.USE_ALL_DNS_IPS);
                assertEquals(d.hosts().size(), read.size(), "addresses");
                for (int i = 0; i < read.size(); i++) {
                    assertEquals(address(d.hosts().get(i).name()), read.get(i).getAddress(), "address");
                    assertEquals(d.hosts().get(i).port(), read.get(i).getPort(), "address port");
                }
            }
            assertEquals(url.regionMatches(true, 0, "kafka+ssl:", 0, 10), d.tls().isPresent(), "tls");
            // kafka-clients reads the list as written too, when nothing in it is
            // percent-encoded; it then finds the same brokers, except that (documented
            // differences) it refuses an entry with a '+' in its scheme (kafka+ssl://), one
            // without a port, and a host name with non-ASCII letters.
            if (url.indexOf('%') < 0) {
                List<String> original = list(url);
                for (int i = 0; i < original.size(); i++) {
                    String e = original.get(i);
                    Host h = d.hosts().get(i);
                    boolean readable = !e.regionMatches(true, 0, "kafka+ssl:", 0, 10)
                            && h.portAsWritten().isPresent()
                            && (h.isIpv6() || Percent.plain(h.name(), ""));
                    assertEquals(readable ? resolvable(h) : null, Utils.getHost(e), "host as written");
                    assertEquals(readable ? (Integer) h.port() : null, Utils.getPort(e), "port as written");
                }
            }
        });
    }

    /** Heroku's form and the plain list: names, IP literals, IPv6 zones, non-ASCII names. */
    static Arbitrary<String> kafkaUrls() {
        Arbitrary<String> host = Arbitraries.oneOf(dnsName(),
                dnsName().map(n -> n.replace('.', '_') + ".internal"),
                Arbitraries.of("127.0.0.1", "10.0.0.7", "[::1]", "[2001:db8::7]",
                        "[fe80::1%25eth0]", "b\u00fccher.example", "\u4e2d\u6587.example",
                        "%2Fvar%2Frun%2Fkafka.sock"),
                Arbitraries.of("b\u00fccher.example", "\u4e2d\u6587.example").map(n -> encode(n)
                        .replace("%2E", ".")));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        Arbitrary<String> broker = Combinators.combine(host, port).as((h, p) -> h + p);
        return Combinators.combine(Arbitraries.of("kafka", "kafka+ssl", "KAFKA+SSL"),
                broker.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(true, false))
                .as((scheme, brokers, heroku) -> {
                    StringBuilder b = new StringBuilder(scheme).append("://");
                    for (int i = 0; i < brokers.size(); i++) {
                        b.append(i == 0 ? "" : heroku ? "," + scheme + "://" : ",")
                                .append(brokers.get(i));
                    }
                    return b.toString();
                });
    }

    /** What a client resolves: an IPv6 address unbracketed, a name in its DNS (ASCII) form. */
    static String resolvable(Host h) {
        return h.isIpv6() ? h.name() : IDN.toASCII(h.name());
    }

    /** {@code bootstrap.servers} split as kafka-clients splits a LIST config. */
    @SuppressWarnings("unchecked")
    static List<String> list(String value) {
        return new ArrayList<>((List<String>) ConfigDef.parseType(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, value, ConfigDef.Type.LIST));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError("not a literal: " + literal, e);
        }
    }
}
