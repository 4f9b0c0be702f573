package dev.chat.cluster;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** {@link RoomsClusterIT} again, on a local 3-master, 3-replica Redis Cluster ({@code REDIS_MODE=cluster}). */
class RoomsOnRedisClusterIT extends RoomsClusterIT {

    @BeforeAll
    static void up() {
        cluster = LocalCluster.start(3, settings("cluster"));
    }
}
