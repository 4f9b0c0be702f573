package dev.chat.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chat.cluster.fault.ClusterState;

/**
 * A local cluster's Redis Cluster as its nodes describe it ({@code CLUSTER NODES}): which ports are
 * masters, which slots each serves, which replica follows which master; plus the per-node figures
 * the shard tests compare ({@code PUBSUB SHARDCHANNELS}, {@code INFO commandstats},
 * {@code CLUSTER INFO}).
 */
public final class ShardMap {

    private final LocalCluster cluster;
    private final Map<Integer, List<int[]>> slotsOf = new HashMap<>();
    private final Map<Integer, Integer> masterOf = new HashMap<>();

    private ShardMap(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Read from the first Redis node that answers. */
    public static ShardMap read(LocalCluster cluster) {
        ShardMap map = new ShardMap(cluster);
        Map<String, Integer> portOfId = new HashMap<>();
        List<String[]> replicas = new ArrayList<>();
        for (String line : ClusterState.redis(cluster, "CLUSTER", "NODES")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8) {
                continue;
            }
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
            portOfId.put(f[0], port);
            if (f[2].contains("fail")) {
                continue;
            }
            if (f[2].contains("master")) {
                List<int[]> ranges = new ArrayList<>();
                for (int i = 8; i < f.length; i++) {
                    if (!f[i].startsWith("[")) {
                        String[] r = f[i].split("-");
                        ranges.add(new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[r.length - 1])});
                    }
                }
                if (!ranges.isEmpty()) {
                    map.slotsOf.put(port, ranges);
                }
            } else if (f[2].contains("slave")) {
                replicas.add(new String[] {Integer.toString(port), f[3]});
            }
        }
        for (String[] r : replicas) {
            Integer master = portOfId.get(r[1]);
            if (master != null) {
                map.masterOf.put(Integer.parseInt(r[0]), master);
            }
        }
        return map;
    }

    /** Masters that serve slots now. */
    public Set<Integer> masters() {
        return Set.copyOf(slotsOf.keySet());
    }

    public Set<Integer> replicasOf(int master) {
        Set<Integer> replicas = new HashSet<>();
        masterOf.forEach((replica, m) -> {
            if (m == master) {
                replicas.add(replica);
            }
        });
        return replicas;
    }

    public int slotOf(String key) {
        return Integer.parseInt(ClusterState.redis(cluster, "CLUSTER", "KEYSLOT", key).get(0).trim());
    }

    /** The master that serves the key's slot. */
    public int ownerOf(String key) {
        int slot = slotOf(key);
        for (Map.Entry<Integer, List<int[]>> e : slotsOf.entrySet()) {
            for (int[] range : e.getValue()) {
                if (slot >= range[0] && slot <= range[1]) {
                    return e.getKey();
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    public Set<String> shardChannels(int port) {
        Set<String> channels = new HashSet<>();
        for (String line : ClusterState.redisAt(cluster, port, "PUBSUB", "SHARDCHANNELS")) {
            if (!line.isBlank()) {
                channels.add(line.trim());
            }
        }
        return channels;
    }

    /** Calls of a command on one node (from scripts included): INFO commandstats. */
    public long calls(int port, String command) {
        for (String line : ClusterState.redisAt(cluster, port, "INFO", "commandstats")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** A CLUSTER INFO figure of one node, 0 when absent (e.g. cluster_stats_messages_publish_received). */
    public long clusterInfo(int port, String field) {
        for (String line : ClusterState.redisAt(cluster, port, "CLUSTER", "INFO")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return 0;
    }
}
