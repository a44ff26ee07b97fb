package dev.aikagi.reliability;

import dev.aikagi.testkit.ApiClient;
import org.junit.jupiter.api.BeforeAll;

/** The two nodes of the shared {@link Cluster} (started once per JVM) and a JSON client of each. */
abstract class ClusterTestSupport {

    static Cluster cluster;
    static ApiClient a;
    static ApiClient b;
    /** {@code a} and {@code b}, for tests that pick a node by number. */
    static ApiClient[] nodes;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = Cluster.get();
        a = new ApiClient(cluster.a.base);
        b = new ApiClient(cluster.b.base);
        nodes = new ApiClient[] {a, b};
    }
}
