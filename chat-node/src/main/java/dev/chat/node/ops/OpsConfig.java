package dev.chat.node.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code chat.ops.*} keys: how this node reports itself to the operations view. */
@ConfigMapping(prefix = "chat.ops")
public interface OpsConfig {

    /** How often the node writes its heartbeat (figures and rates) to Redis. */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /**
     * How long a heartbeat stays after it was written: a node that dies leaves the view this long
     * after its last one. Must be a few intervals, so that one slow write does not drop a node.
     */
    @WithDefault("10s")
    Duration heartbeatTtl();

    /** The span over which the heartbeat's send p99 is measured. */
    @WithDefault("10s")
    Duration latencyWindow();
}
