package org.qinqing.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The keys a local platform's services need (rating-link signing, tip-off reporter encryption), made at random on
 * the first start and kept in the state directory, so data encrypted yesterday still decrypts after a restart.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties values = new Properties();

    private LocalSecrets(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    values.load(in);
                }
            }
            boolean added = values.putIfAbsent("intake.rating.link-key", random(36)) == null;
            added |= values.putIfAbsent("intake.reporter.key", random(32)) == null;
            if (added) {
                Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file)) {
                    values.store(out, "keys of the local platform: keep them as long as its databases");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LocalSecrets in(Path stateDir) {
        return new LocalSecrets(stateDir.resolve("secrets.properties"));
    }

    /** The environment a service reads its keys (and the local places it keeps files) from, as in production. */
    Map<String, String> environmentOf(String service, String serviceUrl, Path stateDir) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (service.equals("intake")) {
            environment.put("INTAKE_RATING_LINK_KEY", values.getProperty("intake.rating.link-key"));
            environment.put("INTAKE_RATING_LINK_BASE_URL", serviceUrl + "/api/v1/rating-links");
            environment.put("INTAKE_REPORTER_KEY", values.getProperty("intake.reporter.key"));
            // every replica of intake shares one attachment directory, as they would share a volume
            environment.put("INTAKE_ATTACHMENTS_DIR", stateDir.resolve("attachments").toString());
        }
        if (service.equals("notification")) {
            environment.put("QINQING_NOTIFICATION_CLIENT_SECRET", RealmDefinition.DEMO_NOTIFICATION_SECRET);
            // no mail server on a laptop: mails are written to the service's log instead of sent
            environment.put("QUARKUS_MAILER_MOCK", "true");
        }
        return environment;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
