package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The grammar of each type bound by its own parser, against the JDK's own parser where there is one. */
class BuiltinPropertiesTest {
    record Id(UUID value) {
    }

    record Cs(Charset value) {
    }

    record Loc(Locale value) {
    }

    record Re(Pattern value) {
    }

    record Ip(InetAddress value) {
    }

    record Socket(InetSocketAddress value) {
    }

    record Size1(DataSize value) {
    }

    static <T> T bind(Class<T> type, String value) {
        return Env.of(Map.of("VALUE", value)).bind(type);
    }

    static ConfigException refuse(Class<?> type, String value) {
        return assertThrows(ConfigException.class, () -> bind(type, value));
    }

    @Property(tries = 300)
    void aUuidBindsBackToItselfInEitherCase(@ForAll long high, @ForAll long low, @ForAll boolean upper) {
        UUID id = new UUID(high, low);
        String text = upper ? id.toString().toUpperCase(Locale.ROOT) : id.toString();
        assertEquals(id, bind(Id.class, text).value());
    }

    @Property(tries = 300)
    void aUuidWithADigitDroppedOrADashMovedIsRefused(@ForAll long high, @ForAll long low,
                                                      @ForAll @IntRange(min = 0, max = 35) int at) {
        String text = new UUID(high, low).toString();
        String dropped = text.substring(0, at) + text.substring(at + 1);
        assertTrue(refuse(Id.class, dropped).getMessage().contains("8-4-4-4-12"));
        if (text.charAt(at) != '-' && at + 1 < 36 && text.charAt(at + 1) == '-') {
            String moved = text.substring(0, at) + "-" + text.charAt(at) + text.substring(at + 2);
            refuse(Id.class, moved);
        }
    }

    @Provide
    Arbitrary<String> charsetNames() {
        List<String> names = new ArrayList<>();
        for (Charset c : Charset.availableCharsets().values()) {
            names.add(c.name());
            names.addAll(c.aliases());
        }
        return Arbitraries.of(names);
    }

    @Property(tries = 300)
    void everyCharsetNameAndAliasBindsToItsCharset(@ForAll("charsetNames") String name) {
        assertEquals(Charset.forName(name), bind(Cs.class, name).value());
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.getAvailableLocales()).filter(l -> !l.toLanguageTag().equals("und"));
    }

    @Property(tries = 300)
    void everyAvailableLocalesTagBindsBackWithDashesOrUnderscores(@ForAll("locales") Locale locale) {
        String tag = locale.toLanguageTag();
        assertEquals(Locale.forLanguageTag(tag), bind(Loc.class, tag).value());
        assertEquals(Locale.forLanguageTag(tag), bind(Loc.class, tag.replace('-', '_')).value());
    }

    @Property(tries = 300)
    void aQuotedPatternCompilesAndMatchesItsText(@ForAll @Size(min = 1, max = 30) String text) {
        Pattern p = bind(Re.class, Pattern.quote(text)).value();
        assertTrue(p.matcher(text).matches());
    }

    @Property(tries = 300)
    void anIpv4LiteralBindsToItsAddress(@ForAll @Size(4) byte[] bytes) throws Exception {
        InetAddress expected = InetAddress.getByAddress(bytes);
        assertEquals(expected, bind(Ip.class, expected.getHostAddress()).value());
    }

    /** RFC 5952 text: lower-case, the longest run of two or more zero groups as "::". */
    static String compressed(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 255) << 8 | b[2 * i + 1] & 255;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofSize(16);
        Arbitrary<byte[]> sparse = Arbitraries.of((byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0x20, (byte) 0xff)
                .array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(any, sparse);
    }

    @Property(tries = 500)
    void anIpv6LiteralInEveryFormBindsAsTheJdkReadsIt(@ForAll("ipv6") byte[] bytes) throws Exception {
        InetAddress address = InetAddress.getByAddress(bytes);
        String full = address instanceof java.net.Inet6Address ? address.getHostAddress() : null;
        String shortest = compressed(bytes);
        // a valid literal: InetAddress.getByName parses it without any lookup
        InetAddress jdk = InetAddress.getByName(shortest);
        assertEquals(jdk, bind(Ip.class, shortest).value());
        assertEquals(jdk, bind(Ip.class, "[" + shortest + "]").value());
        assertEquals(jdk, bind(Ip.class, shortest.toUpperCase(Locale.ROOT)).value());
        if (full != null) {
            assertEquals(jdk, bind(Ip.class, full).value());
        }
        assertEquals(new InetSocketAddress(jdk, 443), bind(Socket.class, "[" + shortest + "]:443").value());
    }

    @Provide
    Arbitrary<String> notIpv6() {
        return Arbitraries.strings().withChars("0123456789abcdefg:.%").ofMinLength(1).ofMaxLength(45)
                .filter(s -> s.indexOf(':') >= 0 && (s.indexOf('g') >= 0 || s.indexOf('%') >= 0 || s.contains(":::")));
    }

    @Property(tries = 500)
    void textWithAZoneANonHexLetterOrThreeColonsIsRefused(@ForAll("notIpv6") String text) {
        ConfigException e = refuse(Ip.class, text);
        assertTrue(e.getMessage().contains("expected an IP address literal"), e::getMessage);
    }

    @Provide
    Arbitrary<String> hostNames() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_')
                .ofMinLength(1).ofMaxLength(20)
                .filter(s -> s.charAt(0) != '-' && s.charAt(s.length() - 1) != '-')
                .filter(s -> !s.chars().allMatch(c -> c >= '0' && c <= '9'));
        return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    }

    @Property(tries = 300)
    void aHostAndPortStaysUnresolved(@ForAll("hostNames") String host, @ForAll @IntRange(min = 0, max = 65535) int port) {
        InetSocketAddress a = bind(Socket.class, host + ":" + port).value();
        assertTrue(a.isUnresolved());
        assertEquals(host, a.getHostString());
        assertEquals(port, a.getPort());
    }

    @Property(tries = 300)
    void aPortOutOfRangeOrAnUnbracketedIpv6IsRefused(@ForAll("hostNames") String host,
                                                      @ForAll @IntRange(min = 65536, max = 1_000_000) int port) {
        assertTrue(refuse(Socket.class, host + ":" + port).getMessage().contains("has a port that is out of range 0 to 65535"));
        assertTrue(refuse(Socket.class, "::1:" + (port - 65536)).getMessage().contains("write an IPv6 address in brackets"));
    }

    @Property(tries = 500)
    void aByteSizeReadsBackFromItsText(@ForAll @LongRange(min = 0) long bytes) {
        DataSize size = new DataSize(bytes);
        assertEquals(size, bind(Size1.class, size.toString()).value());
        assertEquals(size, DataSize.parse(size.toString()));
        assertEquals(size, bind(Size1.class, Long.toString(bytes)).value());
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti", "KiB", "MiB", "GiB", "TiB");
    }

    static long multiplier(String unit) {
        return switch (unit) {
            case "" -> 1L;
            case "k" -> 1000L;
            case "M" -> 1000_000L;
            case "G" -> 1000_000_000L;
            case "T" -> 1000_000_000_000L;
            case "Ki", "KiB" -> 1L << 10;
            case "Mi", "MiB" -> 1L << 20;
            case "Gi", "GiB" -> 1L << 30;
            default -> 1L << 40;
        };
    }

    @Property(tries = 500)
    void aNumberAndAUnitIsTheNumberTimesTheUnit(@ForAll @LongRange(min = 0, max = 1_000_000) long n,
                                                 @ForAll("units") String unit) {
        assertEquals(n * multiplier(unit), bind(Size1.class, n + unit).value().bytes());
    }

    @Property(tries = 300)
    void kbMbGbAreRefusedWithBothUnitsToWrite(@ForAll @LongRange(min = 1, max = 1_000_000) long n,
                                              @ForAll("ambiguous") String unit) {
        ConfigException e = refuse(Size1.class, n + unit);
        String binary = Character.toUpperCase(unit.charAt(0)) + "i";
        String decimal = unit.charAt(0) == 'k' || unit.charAt(0) == 'K' ? "k" : unit.substring(0, 1).toUpperCase(Locale.ROOT);
        assertTrue(e.getMessage().contains("is ambiguous"), e::getMessage);
        assertTrue(e.getMessage().contains("write " + binary + " for 1024^"), e::getMessage);
        assertTrue(e.getMessage().contains(" or " + decimal + " for 1000^"), e::getMessage);
        assertFalse(e.getMessage().contains("write  "));
    }

    @Provide
    Arbitrary<String> ambiguous() {
        return Arbitraries.of("KB", "kB", "kb", "MB", "mb", "GB", "Gb", "TB", "PB", "EB");
    }

    @Property(tries = 300)
    void aFractionIsAllowedOnlyWhenTheBytesAreWhole(@ForAll @LongRange(min = 0, max = 1_000_000) long whole,
                                                    @ForAll @IntRange(min = 1, max = 9) int tenth) {
        assertEquals(whole * 1000 + tenth * 100, bind(Size1.class, whole + "." + tenth + "k").value().bytes());
        String binary = whole + "." + tenth + "Ki";
        if (tenth == 5) {
            assertEquals(whole * 1024 + 512, bind(Size1.class, binary).value().bytes());
        } else {
            assertTrue(refuse(Size1.class, binary).getMessage().contains("is not a whole number of bytes"));
        }
    }
}
