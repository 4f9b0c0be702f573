# shellcheck shell=bash
# REDIS_MODE=cluster for deploy/local/cluster (sourced by it): instead of one redis-server, a Redis
# Cluster of REDIS_CLUSTER_MASTERS masters with REDIS_CLUSTER_REPLICAS replicas each (default 3 and
# 1), every node a Debian redis-server on a free loopback port (its cluster bus on port + 10000),
# joined once by redis-cli --cluster create. The nodes are redis-1..redis-N; each keeps its
# nodes.conf in its work dir, so a node started again (fault tests) rejoins as what it was.

REDIS_CLUSTER_MASTERS=${REDIS_CLUSTER_MASTERS:-3}
REDIS_CLUSTER_REPLICAS=${REDIS_CLUSTER_REPLICAS:-1}
# how long a master may be silent before its replica takes over (cluster-node-timeout)
REDIS_CLUSTER_NODE_TIMEOUT=${REDIS_CLUSTER_NODE_TIMEOUT:-2000}
REDIS_CLUSTER_CONF=$CLUSTER_DIR/redis-cluster.conf

redis_cluster() { [[ ${REDIS_MODE:-single} == cluster ]]; }

# The Redis processes' names: redis, or redis-1..redis-N.
redis_names() {
    if redis_cluster; then
        local -a ports
        local i
        read -ra ports <<<"$REDIS_PORTS"
        for ((i = 1; i <= ${#ports[@]}; i++)); do echo "redis-$i"; done
    else
        echo redis
    fi
}

redis_node_port() {
    local -a ports
    read -ra ports <<<"$REDIS_PORTS"
    local n=${1#redis-}
    if ! [[ $n =~ ^[0-9]+$ ]] || ((n < 1 || n > ${#ports[@]})); then
        die "no such Redis node: $1 (redis-1..redis-${#ports[@]})"
    fi
    printf '%s' "${ports[n - 1]}"
}

# A free port in 20000-22767 whose cluster bus port (+10000, so 30000-32767) is free too: both
# below Linux's ephemeral range, where an outgoing connection could hold the bus port. Appends it
# to REDIS_PORTS (no subshell, so CHOSEN keeps both ports).
add_cluster_port() {
    local i p
    for ((i = 0; i < 500; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 2768))
        [[ $CHOSEN == *" $p "* || $CHOSEN == *" $((p + 10000)) "* || $p == "$GATEWAY_PORT" ]] && continue
        port_in_use "$p" && continue
        port_in_use $((p + 10000)) && continue
        CHOSEN+="$p $((p + 10000)) "
        REDIS_PORTS+="${REDIS_PORTS:+ }$p"
        return 0
    done
    die "no free port pair for a Redis Cluster node"
}

# Sets REDIS_PORTS (and REDIS_PORT, the first node) for up.
pick_redis_ports() {
    if ! redis_cluster; then
        REDIS_PORT=$(pick_port)
        CHOSEN+="$REDIS_PORT "
        REDIS_PORTS=$REDIS_PORT
        return 0
    fi
    local n=$((REDIS_CLUSTER_MASTERS * (1 + REDIS_CLUSTER_REPLICAS))) i
    ((REDIS_CLUSTER_MASTERS >= 3)) || die "REDIS_CLUSTER_MASTERS must be 3 or more (Redis Cluster needs 3 masters)"
    REDIS_PORTS=""
    for ((i = 0; i < n; i++)); do add_cluster_port; done
    REDIS_PORT=${REDIS_PORTS%% *}
}

# The services' QUARKUS_REDIS_HOSTS for USER PASSWORD: one URL, or every node's (seeds).
redis_hosts() {
    local user=$1 password=$2 hosts="" p
    for p in $REDIS_PORTS; do
        hosts+="${hosts:+,}redis://$user:$password@127.0.0.1:$p"
    done
    printf '%s' "$hosts"
}

# What the Java services need besides QUARKUS_REDIS_HOSTS.
redis_client_env() {
    if redis_cluster; then
        printf '%s\n' QUARKUS_REDIS_CLIENT_TYPE=cluster
    fi
}

# Replicas sync from their master as the admin user (the default user may only PING): in a file
# readable by the owner only, not on a command line.
write_redis_cluster_conf() {
    (
        umask 077
        printf 'masteruser admin\nmasterauth %s\n' "$REDIS_ADMIN_PASSWORD" >"$REDIS_CLUSTER_CONF"
    )
}

start_redis_node() {
    local name=$1 port=$2
    launch "$name" redis-server "$REDIS_CLUSTER_CONF" --bind 127.0.0.1 --port "$port" --save '' \
        --appendonly no --daemonize no --dir "$WORK/$name" --logfile '' --aclfile "$REDIS_ACL" \
        --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy noeviction \
        --cluster-enabled yes --cluster-config-file nodes.conf \
        --cluster-node-timeout "$REDIS_CLUSTER_NODE_TIMEOUT"
}

admin_cli() {
    REDISCLI_AUTH=$REDIS_ADMIN_PASSWORD timeout 30 redis-cli --no-auth-warning --user admin -h 127.0.0.1 "$@"
}

# Joins the nodes once (masters first, then a replica for each) and waits for cluster_state:ok.
create_redis_cluster() {
    local -a addresses=()
    local p
    for p in $REDIS_PORTS; do addresses+=("127.0.0.1:$p"); done
    log "joining ${#addresses[@]} Redis nodes: $REDIS_CLUSTER_MASTERS masters, $REDIS_CLUSTER_REPLICAS replica(s) each"
    REDISCLI_AUTH=$REDIS_ADMIN_PASSWORD redis-cli --no-auth-warning --user admin --cluster create "${addresses[@]}" \
        --cluster-replicas "$REDIS_CLUSTER_REPLICAS" --cluster-yes >>"$LOGS/redis-cluster.log" 2>&1 ||
        die "redis-cli --cluster create failed (see $LOGS/redis-cluster.log)"
    wait_redis_cluster_ok || die "the Redis Cluster did not reach cluster_state:ok"
}

wait_redis_cluster_ok() {
    local deadline=$((SECONDS + READY_TIMEOUT)) p ok
    while ((SECONDS < deadline)); do
        ok=1
        for p in $REDIS_PORTS; do
            admin_cli -p "$p" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || ok=0
        done
        ((ok)) && { log "Redis Cluster ok"; return 0; }
        sleep 0.5
    done
    return 1
}

# status: the shards, from the first node that answers: each master with its slots and replicas.
show_redis_shards() {
    redis_cluster || return 0
    local p nodes=""
    [[ -n ${REDIS_ADMIN_PASSWORD:-} || ! -f $SECRETS_ENV ]] || load_secrets
    for p in $REDIS_PORTS; do
        nodes=$(admin_cli -p "$p" cluster nodes 2>/dev/null) && [[ -n $nodes ]] && break
    done
    echo
    if [[ -z $nodes ]]; then
        echo "Redis Cluster: no node answers"
        return 0
    fi
    echo "Redis Cluster shards:"
    # id addr flags master ping pong epoch link slots...
    awk '
        { addr = $2; sub(/@.*/, "", addr); flags = $3 }
        flags ~ /master/ { slots = ""; for (i = 9; i <= NF; i++) slots = slots " " $i
                           m[$1] = addr; s[$1] = slots; f[$1] = flags; order[++n] = $1 }
        flags ~ /slave/  { r[$4] = r[$4] " " addr (flags ~ /fail/ ? "(fail)" : "") }
        END { for (i = 1; i <= n; i++) { id = order[i]
                  printf "  master %-16s slots%s%s  replicas:%s\n", m[id], (s[id] == "" ? " none" : s[id]),
                      (f[id] ~ /fail/ ? " (fail)" : ""), (r[id] == "" ? " none" : r[id]) } }
    ' <<<"$nodes"
}
