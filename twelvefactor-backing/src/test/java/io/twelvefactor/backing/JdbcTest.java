package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://u:p@db/app | jdbc:postgresql://db:5432/app",
        "postgresql://db | jdbc:postgresql://db:5432/",
        "pg://db:6000,[::1]/my+db?application_name=a b&options=-c x=1 | jdbc:postgresql://db:6000,[::1]:5432/my%2Bdb?ApplicationName=a%20b&options=-c%20x%3D1",
        "postgres://db/app?sslmode=verify-full | jdbc:postgresql://db:5432/app?sslmode=verify-full",
        "cockroachdb://crdb/defaultdb?sslmode=require | jdbc:postgresql://crdb:26257/defaultdb?sslmode=require",
        "redshift://cluster.example.com/dev | jdbc:postgresql://cluster.example.com:5439/dev",
        "mysql://db/app?useUnicode=true | jdbc:mysql://db:3306/app?useUnicode=true",
        "mysql://db/app?sslmode=prefer | jdbc:mysql://db:3306/app?sslMode=PREFERRED",
        "mysql://db/app?sslmode=verify-full | jdbc:mysql://db:3306/app?sslMode=VERIFY_IDENTITY",
        "mariadb://db | jdbc:mariadb://db:3306/",
        "mariadb://db/app?sslmode=require&connectTimeout=5000 | jdbc:mariadb://db:3306/app?connectTimeout=5000&sslMode=trust",
        "mariadb://db/app?sslmode=verify-ca | jdbc:mariadb://db:3306/app?sslMode=verify-ca",
        "mariadb://%2Frun%2Fmysqld%2Fmysqld.sock/app | jdbc:mariadb://localhost/app?localSocket=/run/mysqld/mysqld.sock",
        "mssql://sql/app | jdbc:sqlserver://sql:1433;databaseName=app",
        "sqlserver://sql:1444/my;db?sslmode=verify-full | jdbc:sqlserver://sql:1444;databaseName={my;db};encrypt=true;trustServerCertificate=false",
        "sqlserver://sql?sslmode=require | jdbc:sqlserver://sql:1433;encrypt=true;trustServerCertificate=true",
        "sqlserver://sql?sslmode=disable | jdbc:sqlserver://sql:1433;encrypt=false",
        "sqlserver://[::1]/app | jdbc:sqlserver://;serverName=::1;portNumber=1433;databaseName=app",
        "oracle://ora/ORCLPDB1 | jdbc:oracle:thin:@//ora:1521/ORCLPDB1",
        "oracle://ora:2484/svc?sslmode=verify-full | jdbc:oracle:thin:@tcps://ora:2484/svc?ssl_server_dn_match=true",
        "oracle://ora/svc?sslmode=verify-ca&connect_timeout=10 | jdbc:oracle:thin:@tcps://ora:1521/svc?connect_timeout=10&ssl_server_dn_match=false",
        "h2://h2host/~/test | jdbc:h2:tcp://h2host:9092/~/test",
        "h2://h2host:9093/data/app?MODE=PostgreSQL&sslmode=require | jdbc:h2:ssl://h2host:9093/data/app;MODE=PostgreSQL",
    })
    void rendersEachDriversUrl(String url, String jdbc) {
        BackingService d = BackingService.parse(url);
        assertEquals(jdbc, d.toJdbcUrl());
        assertTrue(!d.toJdbcUrl().contains("u:p"), "credentials stay out of the URL");
    }

    @Test
    void credentialsTravelOnlyInTheProperties() {
        BackingService d = BackingService.parse("postgres://ad%40min:p%40ss%3Aw%2Frd%23%25+@db/app");
        Properties p = d.jdbcProperties();
        assertEquals(Map.of("user", "ad@min", "password", "p@ss:w/rd#%+"), Map.copyOf(p));
        assertEquals("jdbc:postgresql://db:5432/app", d.toJdbcUrl());
        p.clear();
        assertEquals(2, d.jdbcProperties().size(), "each call returns a new object");
        assertEquals(0, BackingService.parse("postgres://db/app").jdbcProperties().size());
        assertEquals(Map.of("user", ""), Map.copyOf(BackingService.parse("mysql://@db").jdbcProperties()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://u@db/app?sslpassword=s3cret&ssl=true | jdbc:postgresql://db:5432/app?ssl=true | sslpassword",
        "mysql://u@db/app?trustCertificateKeyStorePassword=s3cret | jdbc:mysql://db:3306/app | trustCertificateKeyStorePassword",
        "mariadb://u@db/app?keyStorePassword=s3cret | jdbc:mariadb://db:3306/app | keyStorePassword",
        "sqlserver://u@db/app?trustStorePassword=s3cret | jdbc:sqlserver://db:1433;databaseName=app | trustStorePassword",
        "oracle://u@db/svc?oracle.net.wallet_password=s3cret | jdbc:oracle:thin:@//db:1521/svc | oracle.net.wallet_password",
        "h2://u@db/data?CIPHER_TOKEN=s3cret | jdbc:h2:tcp://db:9092/data | CIPHER_TOKEN",
    })
    void querySecretsTravelOnlyInTheProperties(String url, String jdbc, String key) {
        BackingService d = BackingService.parse(url);
        assertEquals(jdbc, d.toJdbcUrl());
        assertEquals(Map.of("user", "u", key, "s3cret"), Map.copyOf(d.jdbcProperties()));
        assertTrue(d.toString().contains(key + "=***") && !d.toString().contains("s3cret"),
                d.toString());
    }

    @Test
    void mariadbValuesItCannotReadRawBecomeProperties() {
        BackingService d = BackingService.parse("mariadb://u:pw@db/my%20db?sessionVariables=a%3D1%26b%3D2&x=y");
        assertEquals("jdbc:mariadb://db:3306/?x=y", d.toJdbcUrl());
        assertEquals(Map.of("user", "u", "password", "pw", "database", "my db",
                "sessionVariables", "a=1&b=2"), Map.copyOf(d.jdbcProperties()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://h | jdbc | a redis URL has no JDBC form; toJdbcUrl() serves postgresql, cockroachdb, redshift, mysql, mariadb, sqlserver, oracle, h2",
        "postgres://%2Ftmp/db | host | is a Unix socket, which the postgresql JDBC driver cannot reach without a socket factory; use a TCP host",
        "sqlserver://a,b | host | the sqlserver JDBC URL takes one host; write one",
        "postgres://db/app?Password=pw | query parameter Password | credentials go in the URL's userinfo, such as postgres://user:password@host/db, not in its query",
        "mysql://u@db/app?User=v | query parameter User | credentials go in the URL's userinfo, such as postgres://user:password@host/db, not in its query",
        "oracle://db/svc?PASSWORD=pw | query parameter PASSWORD | credentials go in the URL's userinfo, such as postgres://user:password@host/db, not in its query",
        "mssql://%2Fvar%2Frun%2Fs/db | host | is a Unix socket, which the sqlserver JDBC driver cannot reach without a socket factory; use a TCP host",
        "oracle://%2Fvar%2Frun%2Fs/svc | host | is a Unix socket, which the oracle JDBC driver cannot reach without a socket factory; use a TCP host",
        "h2://%2Fvar%2Frun%2Fs/data | host | is a Unix socket, which the h2 JDBC driver cannot reach without a socket factory; use a TCP host",
        "mariadb://db?sslmode=prefer | tls | sslmode=prefer has no mariadb JDBC form: its driver has no equivalent; use one of the modes in the README's TLS table",
        "sqlserver://db?sslmode=verify-ca | tls | sslmode=verify-ca has no sqlserver JDBC form: its driver has no equivalent; use one of the modes in the README's TLS table",
        "oracle://db/s?sslmode=require | tls | sslmode=require has no oracle JDBC form: Oracle's thin driver always verifies the certificate chain; use verify-ca or verify-full",
        "h2://db/x?sslmode=verify-full | tls | sslmode=verify-full has no h2 JDBC form: H2's ssl:// does not verify the server's certificate; use require",
        "mysql://db?sslmode=require&sslMode=DISABLED | query parameter sslMode | sets the driver's TLS option although sslmode does too; keep sslmode",
    })
    void refusesWhatTheDriverCannotDo(String url, String component, String message) {
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.parse(url).toJdbcUrl());
        assertEquals(component, e.component());
        assertEquals("backing service URL: " + component + ": " + message, e.getMessage());
    }
}
