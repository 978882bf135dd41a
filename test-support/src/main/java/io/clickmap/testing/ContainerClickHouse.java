package io.clickmap.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** A current ClickHouse release in Docker; an outage is a paused container, so the mapped port survives it. */
final class ContainerClickHouse implements ClickHouseServer {
    static final String IMAGE = "clickhouse/clickhouse-server:25.8";
    private static final int HTTP_PORT = 8123;

    private final GenericContainer<?> container;

    ContainerClickHouse() {
        container = new GenericContainer<>(IMAGE)
                .withExposedPorts(HTTP_PORT)
                .withEnv("CLICKHOUSE_USER", "clickmap")
                .withEnv("CLICKHOUSE_PASSWORD", "clickmap")
                .waitingFor(Wait.forHttp("/ping").forPort(HTTP_PORT));
        container.start();
    }

    @Override
    public String httpUrl() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(HTTP_PORT);
    }

    @Override
    public String user() {
        return "clickmap";
    }

    @Override
    public String password() {
        return "clickmap";
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public void stop() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public String logLocation() {
        return "docker logs " + container.getContainerId();
    }

    @Override
    public void close() {
        container.stop();
    }
}
