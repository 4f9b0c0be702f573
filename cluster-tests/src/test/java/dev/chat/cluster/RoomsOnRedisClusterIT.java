package dev.chat.cluster;

/** {@link RoomsClusterIT} again, on a local 3-master, 3-replica Redis Cluster ({@code REDIS_MODE=cluster}). */
class RoomsOnRedisClusterIT extends RoomsClusterIT implements OnRedisCluster {
}
