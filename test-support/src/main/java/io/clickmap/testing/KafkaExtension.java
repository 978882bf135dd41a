package io.clickmap.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives a test class a real Kafka broker and fresh, uniquely named topics. Register as a static field. */
public final class KafkaExtension implements AfterAllCallback {
    private Admin admin;

    public String bootstrapServers() {
        return SharedServers.kafka().bootstrapServers();
    }

    /** Creates a topic no other test uses and returns its name. */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        }
        return name;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
