package dev.portreg.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts a {@link TcpProxy} between the application under test and the real PostgreSQL: the JDBC URL
 * points at the proxy, and a test's {@code TcpProxy} field receives it, to cut and resume the
 * database. With {@code refusing=true} the proxy refuses every connection until resumed, so the
 * application starts without its database. For a {@code QuarkusTestProfile}'s test resources.
 */
public class TcpProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String REFUSING = "refusing";

    private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";

    private boolean refusing;
    private TcpProxy proxy;

    @Override
    public void init(Map<String, String> args) {
        refusing = Boolean.parseBoolean(args.getOrDefault(REFUSING, "false"));
    }

    @Override
    public Map<String, String> start() {
        String url = realUrl();
        URI real = URI.create(url.substring("jdbc:".length()));
        int port = real.getPort() < 0 ? 5432 : real.getPort();
        proxy =
                refusing
                        ? TcpProxy.refusingTo(real.getHost(), port)
                        : TcpProxy.to(real.getHost(), port);
        String query = real.getRawQuery() == null ? "" : "?" + real.getRawQuery();
        return Map.of(
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + real.getRawPath() + query);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The database the other tests use: the configured URL (environment first). */
    private static String realUrl() {
        String env = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                    .orElse(DEFAULT_URL);
        } catch (RuntimeException e) {
            return DEFAULT_URL;
        }
    }
}
