package dev.chat.bench.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * How many collections this JVM has run and how long they took, as its collectors count them. A
 * generator that stops for a collection delays every delivery arriving meanwhile, and the latency
 * it then records is its own, not the server's: the worker reports the difference over the
 * measured part so that the result can say so.
 */
record GcTime(long count, long millis) {

    static GcTime now() {
        long count = 0, millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new GcTime(count, millis);
    }

    GcTime since(GcTime earlier) {
        return new GcTime(count - earlier.count, millis - earlier.millis);
    }
}
