package io.clickmap.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sharded, replicated ClickHouse on one machine: shards × replicas servers (Debian's binary, each a child process
 * with its own data directory and ports) and the ZooKeeper they share. Every member knows the whole cluster under
 * one name ({@code remote_servers}), its own place in it ({@code macros}: {@code shard} is the shard's number from 1,
 * {@code replica} is unique in the cluster, as replicated tables need), and the distributed-DDL queue, so
 * {@code ON CLUSTER} statements and {@code Replicated*MergeTree('/clickhouse/tables/{shard}/…', '{replica}')} work as on
 * separate hosts. Shards keep internal replication: a {@code Distributed} insert writes one replica of a shard and
 * replication copies it, as it should when the local tables are replicated.
 */
public final class ClickHouseCluster implements AutoCloseable {
    /** One server: where it sits in the cluster and its ports. */
    public record Member(int shard, int replica, ClickHouseProcess.Layout layout, int interserverPort) {
        public String replicaName() {
            return "s" + shard + "r" + replica;
        }
    }

    private final String name;
    private final ZooKeeperProcess zooKeeper;
    private final List<Member> members = new ArrayList<>();
    private final List<ClickHouseProcess> servers = new ArrayList<>();

    public ClickHouseCluster(Path binary, Path dir, String name, int shards, int replicas, String zooKeeperClasspath,
                             WatchedProcess.Ending ending) {
        this.name = name;
        this.zooKeeper = new ZooKeeperProcess(dir.resolve("zookeeper"), Ports.free(), zooKeeperClasspath);
        for (int shard = 1; shard <= shards; shard++) {
            for (int replica = 1; replica <= replicas; replica++) {
                Path home = dir.resolve("s" + shard + "r" + replica);
                members.add(new Member(shard, replica,
                        new ClickHouseProcess.Layout(home.resolve("data"), home.resolve("logs"), Ports.free(), Ports.free()), Ports.free()));
            }
        }
        for (Member member : members) {
            servers.add(new ClickHouseProcess(binary, member.layout(), memberConfig(name, member, members, zooKeeper.port()), ending));
        }
    }

    public String name() {
        return name;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** The server of this shard and replica, both counted from 1. */
    public ClickHouseProcess server(int shard, int replica) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).shard() == shard && members.get(i).replica() == replica) {
                return servers.get(i);
            }
        }
        throw new IllegalArgumentException("no server s" + shard + "r" + replica + " in cluster " + name);
    }

    /** Starts ZooKeeper first, then every server; returns once all answer. */
    public void start(Duration timeout) {
        zooKeeper.start(timeout);
        servers.forEach(server -> server.start(timeout));
    }

    /**
     * Waits until, in every shard, all replicas give the same answer to {@code query} (a count, say), and returns the
     * answers by shard. A replica fetches its peers' parts in the background and pulls the shared log only now and then
     * ({@code SYSTEM SYNC REPLICA} on 18.16 does not wait for that), so "caught up" is told by the data.
     */
    public List<String> awaitReplicasAgree(String query, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> byShard = new ArrayList<>();
            boolean agree = true;
            for (int i = 0; i < members.size(); i++) {
                String answer;
                try {
                    answer = servers.get(i).query(query);
                } catch (RuntimeException notYet) {
                    // a server just restarted may not have attached its tables yet
                    answer = "unanswered: " + notYet.getMessage();
                    agree = false;
                }
                if (members.get(i).replica() == 1) {
                    byShard.add(answer);
                } else if (!answer.equals(byShard.get(byShard.size() - 1))) {
                    agree = false;
                }
            }
            if (agree) {
                return byShard;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replicas still disagree on " + query + " after " + timeout + ": " + byShard);
            }
            ClickHouseProcess.sleep(100);
        }
    }

    /**
     * Starts a member after a crash the way an operator recovers a replica. Killed between writing a part and recording
     * it in ZooKeeper, a replica holds a part its shard never had; when such parts are most of its rows, 18.16 refuses
     * to attach the table ("The local set of parts … doesn't look like the set of parts in ZooKeeper") and the server
     * does not come up. The {@code force_restore_data} flag lets it set those parts aside (in {@code detached/}) and
     * fetch what it lacks from its peers; ClickHouse removes the flag once it has started.
     */
    public void restartAfterCrash(ClickHouseProcess server, Duration timeout) {
        try {
            Path flags = Files.createDirectories(server.layout().dataDir().resolve("data").resolve("flags"));
            Files.writeString(flags.resolve("force_restore_data"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start(timeout);
    }

    @Override
    public void close() {
        servers.forEach(ClickHouseProcess::stop);
        zooKeeper.stop();
    }

    /** What one member's config adds to a single server's: the cluster, its place in it, ZooKeeper, the DDL queue. */
    static String memberConfig(String cluster, Member member, List<Member> members, int zooKeeperPort) {
        StringBuilder shards = new StringBuilder();
        int shard = 0;
        for (Member each : members) {
            if (each.shard() != shard) {
                if (shard != 0) {
                    shards.append("</shard>");
                }
                shard = each.shard();
                shards.append("<shard><internal_replication>true</internal_replication>");
            }
            shards.append("<replica><host>127.0.0.1</host><port>").append(each.layout().tcpPort()).append("</port></replica>");
        }
        shards.append("</shard>");
        return """
                  <interserver_http_host>127.0.0.1</interserver_http_host>
                  <interserver_http_port>%d</interserver_http_port>
                  <zookeeper><node><host>127.0.0.1</host><port>%d</port></node></zookeeper>
                  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
                  <macros><shard>%d</shard><replica>%s</replica></macros>
                  <remote_servers><%s>%s</%s></remote_servers>
                """.formatted(member.interserverPort(), zooKeeperPort, member.shard(), member.replicaName(), cluster, shards, cluster);
    }
}
