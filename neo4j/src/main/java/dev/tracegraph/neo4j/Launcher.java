package dev.tracegraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Embeds Neo4j Community and serves Bolt on 127.0.0.1 until SIGTERM.
 *
 * <p>Settings come from environment variables so the npm scripts stay the single place that knows the defaults:
 * NEO4J_HOME_DIR (data directory), NEO4J_BOLT_PORT, NEO4J_USER_PASSWORD, NEO4J_PAGECACHE_MB, NEO4J_TX_TIMEOUT_S,
 * and for experiments NEO4J_TX_STATE (db.tx_state.memory_allocation: ON_HEAP, Neo4j's default, or OFF_HEAP) and
 * NEO4J_CONF_FILE (a neo4j.conf-style file of further settings; none by default).
 * Heap is a JVM flag (-Xmx), set by the script that starts this process.
 *
 * <p>Issue 19 item 1 tried OFF_HEAP transaction state for bulk code issuance (a 10,000-code chunk's state outlives
 * several young collections): the store's CPU per code stayed the same (bench/README.md), so the default is Neo4j's.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(env("NEO4J_HOME_DIR", ".neo4j-data")).toAbsolutePath();
    int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
    String password = env("NEO4J_USER_PASSWORD", "tracegraph-local");
    long pageCacheMb = Long.parseLong(env("NEO4J_PAGECACHE_MB", "1024"));
    long txTimeoutSeconds = Long.parseLong(env("NEO4J_TX_TIMEOUT_S", "120"));
    GraphDatabaseSettings.TransactionStateMemoryAllocation txState =
        GraphDatabaseSettings.TransactionStateMemoryAllocation.valueOf(env("NEO4J_TX_STATE", "ON_HEAP"));
    String confFile = env("NEO4J_CONF_FILE", "");
    Files.createDirectories(home);

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
    if (!confFile.isEmpty()) builder.loadPropertiesFromFile(Path.of(confFile).toAbsolutePath());
    DatabaseManagementService dbms = builder
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
        .setConfig(GraphDatabaseSettings.tx_state_memory_allocation, txState)
        .build();

    setPassword(dbms, password);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("tracegraph-neo4j: shutting down");
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    System.out.println("tracegraph-neo4j: bolt listening on 127.0.0.1:" + port + " (data in " + home
        + ", transaction state " + txState + (confFile.isEmpty() ? "" : ", settings from " + confFile) + ")");
    stopped.await();
  }

  /** Sets the documented local password; Community keeps users in the system database. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    system.executeTransactionally(
        "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
        java.util.Map.of("password", password));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
