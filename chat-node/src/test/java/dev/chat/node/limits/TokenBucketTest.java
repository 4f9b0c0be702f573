package dev.chat.node.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertEquals(500, bucket.millisUntilNext(0));
        assertTrue(bucket.tryTake(SECOND / 2));
        assertFalse(bucket.tryTake(SECOND / 2));
        assertTrue(bucket.tryTake(10 * SECOND));
        assertTrue(bucket.tryTake(10 * SECOND));
        assertTrue(bucket.tryTake(10 * SECOND));
        assertFalse(bucket.tryTake(10 * SECOND), "never more than the capacity");
    }
}
