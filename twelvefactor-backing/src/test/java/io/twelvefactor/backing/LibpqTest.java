package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.Driver;

/**
 * libpq's parameters reach pgjdbc under pgjdbc's own names, as pgjdbc's own
 * {@code Driver.parseURL} reads them; those it cannot express are refused by name.
 */
class LibpqTest {

    /** What pgjdbc itself reads from {@code toJdbcUrl()} and {@code jdbcProperties()}. */
    static Properties pgjdbcReads(BackingService d) {
        Properties p = Driver.parseURL(d.toJdbcUrl(), d.jdbcProperties());
        if (p == null) {
            throw new AssertionError("pgjdbc refused " + d.toJdbcUrl());
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "target_session_attrs=read-write | targetServerType | primary",
        "target_session_attrs=primary | targetServerType | primary",
        "target_session_attrs=read-only | targetServerType | secondary",
        "target_session_attrs=standby | targetServerType | secondary",
        "target_session_attrs=prefer-standby | targetServerType | preferSecondary",
        "target_session_attrs=any | targetServerType | any",
        "application_name=billing%20worker | ApplicationName | billing worker",
        "fallback_application_name=psql | ApplicationName | psql",
        "application_name=a&fallback_application_name=b | ApplicationName | a",
        "connect_timeout=15 | connectTimeout | 15",
        "connect_timeout=1 | connectTimeout | 2",
        "connect_timeout=0 | connectTimeout | 0",
        "connect_timeout=-3 | connectTimeout | 0",
        "keepalives=1 | tcpKeepAlive | true",
        "keepalives=0 | tcpKeepAlive | false",
        "options=-c%20search_path%3Dapp | options | -c search_path=app",
        "sslmode=verify-full | sslmode | verify-full",
        "sslcert=%2Fetc%2Fc.pem | sslcert | /etc/c.pem",
        "sslkey=%2Fetc%2Fk.pk8 | sslkey | /etc/k.pk8",
        "sslrootcert=%2Fetc%2Fca.pem | sslrootcert | /etc/ca.pem",
        "sslpassword=s3cret | sslpassword | s3cret",
        "sslnegotiation=direct | sslNegotiation | direct",
        "channel_binding=require | channelBinding | require",
        "gssencmode=disable | gssEncMode | disable",
        "krbsrvname=postgres | kerberosServerName | postgres",
        "gsslib=gssapi | gsslib | gssapi",
        "require_auth=scram-sha-256 | requireAuth | scram-sha-256",
        "load_balance_hosts=random | loadBalanceHosts | true",
        "load_balance_hosts=disable | loadBalanceHosts | false",
        "replication=database | replication | database",
        "replication=on | replication | true",
        "targetServerType=preferPrimary | targetServerType | preferPrimary",
        "prepareThreshold=0 | prepareThreshold | 0",
    })
    void pgjdbcReadsEachLibpqParameterUnderItsOwnName(String query, String property, String value) {
        BackingService d = BackingService.parse("postgres://u@h1,h2:5433/db?" + query);
        Properties p = pgjdbcReads(d);
        assertEquals(value, p.getProperty(property), d.toJdbcUrl());
        for (String pair : query.split("&")) {
            String name = pair.substring(0, pair.indexOf('='));
            if (!name.equals(property)) {
                assertFalse(p.containsKey(name), name + " must not reach pgjdbc untranslated: " + p);
            }
        }
        assertEquals("h1,h2", p.getProperty("PGHOST"));
        assertEquals("5432,5433", p.getProperty("PGPORT"));
        assertEquals("db", p.getProperty("PGDBNAME"));
    }

    @Test
    void theIssuesUrlAsksPgjdbcForThePrimary() {
        BackingService d = BackingService.parse(
                "postgres://u@h1,h2:5433/db?target_session_attrs=read-write");
        assertEquals("jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary", d.toJdbcUrl());
        assertEquals("primary", pgjdbcReads(d).getProperty("targetServerType"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "replication=off",
        "client_encoding=UTF8",
    })
    void libpqsDefaultsWriteNothing(String query) {
        BackingService d = BackingService.parse("postgres://h/db?" + query);
        assertEquals("jdbc:postgresql://h:5432/db", d.toJdbcUrl());
    }

    @ParameterizedTest
    @EnumSource(Libpq.class)
    void everyParameterPgjdbcCannotExpressIsRefusedByName(Libpq p) {
        if (p.pgjdbc() != null) {
            return;
        }
        BackingService d = BackingService.parse("postgres://h/db?" + p.libpq() + "=1");
        BackingServiceException e = assertThrows(BackingServiceException.class, d::toJdbcUrl);
        assertEquals("query parameter " + p.libpq(), e.component());
        assertTrue(e.getMessage().contains("libpq parameter that pgjdbc cannot express"),
                e.getMessage());
        assertThrows(BackingServiceException.class, d::jdbcProperties);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "target_session_attrs=master | query parameter target_session_attrs | 'master' is not a value libpq accepts here; expected one of: any, read-write, primary, read-only, standby, prefer-standby",
        "keepalives=yes | query parameter keepalives | 'yes' is not a value libpq accepts here; expected one of: 1, 0",
        "connect_timeout=10s | query parameter connect_timeout | '10s' is not a value libpq accepts here; expected an integer number of seconds",
        "target_session_attrs=read-write&targetServerType=any | query parameter targetServerType | sets pgjdbc's targetServerType as target_session_attrs does too; keep one of the two",
        "keepalives_idle=30 | query parameter keepalives_idle | is a libpq parameter that pgjdbc cannot express, so the connection would silently ignore it; remove it, or set pgjdbc's nearest option yourself (see the README's libpq table)",
    })
    void refusesWhatPgjdbcWouldMisread(String query, String component, String message) {
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.parse("postgres://h/db?" + query).toJdbcUrl());
        assertEquals(component, e.component());
        assertEquals("backing service URL: " + component + ": " + message, e.getMessage());
    }

    /** pgjdbc looks a service up in pg_service.conf as libpq does (and refuses an unknown one). */
    @Test
    void serviceKeepsItsName() {
        assertEquals("jdbc:postgresql://h:5432/db?service=billing",
                BackingService.parse("postgres://h/db?service=billing").toJdbcUrl());
    }

    @Test
    void cockroachAndRedshiftUseTheSameTable() {
        assertEquals("jdbc:postgresql://c:26257/d?ApplicationName=x",
                BackingService.parse("cockroachdb://c/d?application_name=x").toJdbcUrl());
        assertEquals("jdbc:postgresql://r:5439/d?connectTimeout=5",
                BackingService.parse("redshift://r/d?connect_timeout=5").toJdbcUrl());
    }
}
