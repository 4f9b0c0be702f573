package dev.chat.cluster;

import org.junit.jupiter.api.TestInfo;

/**
 * Marks a test class that runs its parent's tests on a local Redis Cluster ({@code REDIS_MODE=cluster})
 * rather than one Redis. The parent's {@code @BeforeAll} asks {@link #mode}: a subclass's own
 * static {@code @BeforeAll} of the same name would not replace the parent's (JUnit runs both,
 * and the first cluster would be left running).
 */
public interface OnRedisCluster {

    /** {@code cluster} when the class under test is marked, else {@code single}. */
    static String mode(TestInfo test) {
        return test.getTestClass().filter(OnRedisCluster.class::isAssignableFrom).isPresent() ? "cluster" : "single";
    }
}
