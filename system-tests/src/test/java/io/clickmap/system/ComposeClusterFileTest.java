package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.ingest.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.cluster.yml laid over docker-compose.yml, checked without Docker against the configuration it mounts:
 * the ClickHouse servers are the members deploy/cluster/cluster.xml lists, each in the shard its environment names and
 * under its own host name; Keeper is where the servers look for it and its health check asks what keeper.xml serves;
 * ingest and the stats API are given the cluster's name in a variable they read and wait for every member.
 */
class ComposeClusterFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CLUSTER_XML = "./deploy/cluster/cluster.xml:/etc/clickhouse-server/config.d/cluster.xml:ro";
    private static final String KEEPER_XML = "./deploy/cluster/keeper.xml:/etc/clickhouse-keeper/keeper_config.xml:ro";

    @Test
    void theClickHouseMembersAreTheServersTheClusterConfigurationLists() throws Exception {
        Element cluster = onlyChild(element(xml("deploy/cluster/cluster.xml"), "remote_servers"));
        Map<String, String> shardOfHost = new TreeMap<>();
        List<Element> shards = children(cluster, "shard");
        for (int shard = 1; shard <= shards.size(); shard++) {
            assertThat(text(shards.get(shard - 1), "internal_replication")).isEqualTo("true");
            for (Element replica : children(shards.get(shard - 1), "replica")) {
                assertThat(text(replica, "port")).as("the servers' native port").isEqualTo("9000");
                assertThat(children(replica, "user").get(0).getAttribute("from_env")).isEqualTo("CLICKHOUSE_USER");
                assertThat(children(replica, "password").get(0).getAttribute("from_env")).isEqualTo("CLICKHOUSE_PASSWORD");
                shardOfHost.put(text(replica, "host"), String.valueOf(shard));
            }
        }
        assertThat(shards).hasSize(2);
        assertThat(shardOfHost).hasSize(4);

        Map<String, Object> base = map(compose("docker-compose.yml").get("services"));
        Map<String, String> shardOfMember = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> member : members().entrySet()) {
            Map<String, Object> service = member.getValue();
            Map<String, Object> environment = map(service.get("environment"));
            assertThat(service.get("image")).as(member.getKey()).isEqualTo(map(base.get("clickhouse")).get("image"));
            assertThat(service.get("hostname")).as("%s is reached by its service name", member.getKey()).isEqualTo(member.getKey());
            assertThat(strings(service.get("volumes"))).as(member.getKey()).contains(CLUSTER_XML);
            assertThat(environment.get("CLICKHOUSE_REPLICA")).as("the replica macro is the member's own name").isEqualTo(member.getKey());
            assertThat(environment.get("CLICKHOUSE_USER")).isEqualTo(map(map(base.get("clickhouse")).get("environment")).get("CLICKHOUSE_USER"));
            assertThat(environment.get("CLICKHOUSE_PASSWORD")).isEqualTo(map(map(base.get("clickhouse")).get("environment")).get("CLICKHOUSE_PASSWORD"));
            assertThat(map(map(service.get("depends_on")).get("keeper")).get("condition")).isEqualTo("service_healthy");
            shardOfMember.put(member.getKey(), (String) environment.get("CLICKHOUSE_SHARD"));
        }
        assertThat(shardOfMember).isEqualTo(shardOfHost);

        Element macros = element(xml("deploy/cluster/cluster.xml"), "macros");
        assertThat(children(macros, "shard").get(0).getAttribute("from_env")).isEqualTo("CLICKHOUSE_SHARD");
        assertThat(children(macros, "replica").get(0).getAttribute("from_env")).isEqualTo("CLICKHOUSE_REPLICA");
    }

    @Test
    void everyMemberKeepsItsDataInAVolumeOfItsOwn() throws IOException {
        Map<String, Object> declared = map(compose("docker-compose.cluster.yml").get("volumes"));
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, Map<String, Object>> member : members().entrySet()) {
            String data = strings(member.getValue().get("volumes")).stream().filter(volume -> volume.endsWith(":/var/lib/clickhouse"))
                    .findFirst().orElseThrow(() -> new AssertionError(member.getKey() + " keeps no data volume"));
            String name = data.substring(0, data.indexOf(':'));
            assertThat(seen.add(name)).as("%s shares its data volume", member.getKey()).isTrue();
            if (!member.getKey().equals("clickhouse")) {
                assertThat(declared).as("volume %s is declared", name).containsKey(name);
            }
        }
    }

    @Test
    void keeperServesWhereTheServersAndItsHealthCheckLook() throws Exception {
        Map<String, Object> keeper = merged().get("keeper");
        Document config = xml("deploy/cluster/keeper.xml");
        Element server = element(config, "keeper_server");
        Element zooKeeper = onlyChild(element(xml("deploy/cluster/cluster.xml"), "zookeeper"));
        assertThat(text(zooKeeper, "host")).isEqualTo(keeper.get("hostname")).isEqualTo("keeper");
        assertThat(text(zooKeeper, "port")).isEqualTo(text(server, "tcp_port"));

        Element raft = onlyChild(children(server, "raft_configuration").get(0));
        assertThat(text(raft, "id")).isEqualTo(text(server, "server_id"));
        assertThat(text(raft, "hostname")).isEqualTo(keeper.get("hostname"));
        assertThat(strings(keeper.get("volumes"))).contains(KEEPER_XML);
        assertThat(strings(keeper.get("entrypoint"))).contains("--config-file=/etc/clickhouse-keeper/keeper_config.xml");

        Element control = children(server, "http_control").get(0);
        String probe = "http://127.0.0.1:" + text(control, "port") + text(children(control, "readiness").get(0), "endpoint");
        assertThat(String.join(" ", strings(map(keeper.get("healthcheck")).get("test")))).contains(probe);
        assertThat(text(config.getDocumentElement(), "listen_host")).as("reachable from the other containers").isEqualTo("0.0.0.0");
    }

    @Test
    void ingestAndTheStatsApiAreToldTheClusterInAVariableTheyReadAndWaitForEveryMember() throws Exception {
        String name = onlyChild(element(xml("deploy/cluster/cluster.xml"), "remote_servers")).getTagName();
        String statsSettings = Files.readString(ROOT.resolve("stats-api/src/main/resources/application.yml"));
        assertThat(statsSettings).contains("${" + Setting.CLICKHOUSE_CLUSTER.environmentVariable() + ":}");
        for (String service : List.of("ingest", "stats-api")) {
            Map<String, Object> merged = merged().get(service);
            assertThat(map(merged.get("environment")).get(Setting.CLICKHOUSE_CLUSTER.environmentVariable())).as(service).isEqualTo(name);
            assertThat(map(merged.get("environment")).get("CLICKHOUSE_URL")).as("%s talks to a member", service)
                    .isEqualTo("http://clickhouse:8123");
            for (String member : members().keySet()) {
                assertThat(map(map(merged.get("depends_on")).get(member)).get("condition")).as("%s waits for %s", service, member)
                        .isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void composeAcceptsBothFilesTogether() throws Exception {
        java.util.Optional<List<String>> compose = ComposeFileTest.composeCommand();
        org.assertj.core.api.Assumptions.assumeThat(compose).as("Docker Compose (docker compose or docker-compose) is installed").isPresent();
        ComposeFileTest.Run merged = ComposeFileTest.run(compose.get(), Map.of("CLICKMAP_BOOTSTRAP_API_KEY", "a-test-key-of-enough-length"), false,
                "-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml", "config");
        assertThat(merged.exitCode()).as(merged.output()).isZero();
        Map<String, Object> services = map(((Map<?, ?>) new Yaml().load(merged.output())).get("services"));
        assertThat(services.keySet()).containsAll(members().keySet()).contains("keeper");
        assertThat(map(map(services.get("ingest")).get("environment")).get("CLICKHOUSE_CLUSTER")).isEqualTo("clickmap");
    }

    /** The ClickHouse servers of the merged files (the Keeper runs the same image under another entry point). */
    private static Map<String, Map<String, Object>> members() throws IOException {
        Map<String, Map<String, Object>> members = new TreeMap<>();
        merged().forEach((name, service) -> {
            if (String.valueOf(service.get("image")).startsWith("clickhouse/clickhouse-server:") && !service.containsKey("entrypoint")) {
                members.put(name, service);
            }
        });
        assertThat(members).hasSize(4);
        return members;
    }

    /** What Compose makes of the two files: maps merged key by key, lists joined, the later file winning for scalars. */
    private static Map<String, Map<String, Object>> merged() throws IOException {
        Map<String, Object> services = map(compose("docker-compose.yml").get("services"));
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        services.forEach((name, service) -> merged.put(name, map(service)));
        map(compose("docker-compose.cluster.yml").get("services")).forEach((name, service) ->
                merged.put(name, merge(merged.getOrDefault(name, Map.of()), map(service))));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new HashMap<>(base);
        over.forEach((key, value) -> {
            Object earlier = result.get(key);
            if (earlier instanceof Map<?, ?> earlierMap && value instanceof Map<?, ?> valueMap) {
                result.put(key, merge((Map<String, Object>) earlierMap, (Map<String, Object>) valueMap));
            } else if (earlier instanceof List<?> earlierList && value instanceof List<?> valueList) {
                List<Object> joined = new ArrayList<>(earlierList);
                joined.addAll(valueList);
                result.put(key, joined);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private static Map<String, Object> compose(String file) throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<String> strings(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }

    private static Document xml(String file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(file).toFile());
    }

    private static Element element(Document document, String name) {
        NodeList found = document.getElementsByTagName(name);
        assertThat(found.getLength()).as("one <%s>", name).isEqualTo(1);
        return (Element) found.item(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                found.add(child);
            }
        }
        return found;
    }

    private static Element onlyChild(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                found.add(child);
            }
        }
        assertThat(found).as("<%s> has one child", parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return found.get(0).getTextContent().strip();
    }
}
