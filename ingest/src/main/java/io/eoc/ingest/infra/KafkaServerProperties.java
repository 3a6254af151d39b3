package io.eoc.ingest.infra;

import java.nio.file.Path;
import java.util.Properties;

/** The server configuration of the embedded single-node Kafka; see {@link EmbeddedKafka}. */
final class KafkaServerProperties {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String BROKER_LISTENER = "PLAINTEXT";

  /** Partitions of the internal offsets and transaction topics (Kafka's default is 50 each). */
  static final int INTERNAL_TOPIC_PARTITIONS = 4;

  private KafkaServerProperties() {}

  static Properties of(Path logDir, KafkaPorts ports) {
    Properties p = new Properties();
    roles(p, ports);
    storage(p, logDir);
    singleNode(p);
    smallFootprint(p);
    p.setProperty("auto.create.topics.enable", "false");
    // A lone consumer should not wait 3 s for others to join before it gets partitions.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    recovery(p);
    return p;
  }

  /**
   * Combined broker+controller with a static voter set ({@code controller.quorum.voters}). With
   * a static set the voter endpoint comes from this configuration on every start and is not
   * written into the metadata log (kraft.version 0), so a new controller port on restart is
   * accepted. A dynamic quorum (kraft.version 1, formatted with --standalone) would store the
   * endpoint in the log instead.
   */
  private static void roles(Properties p, KafkaPorts ports) {
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + ports.controllerAddress());
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
    p.setProperty("listeners", BROKER_LISTENER + "://" + ports.brokerAddress()
        + "," + CONTROLLER_LISTENER + "://" + ports.controllerAddress());
    p.setProperty("advertised.listeners", BROKER_LISTENER + "://" + ports.brokerAddress());
    p.setProperty("listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
  }

  private static void storage(Properties p, Path logDir) {
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("metadata.log.dir", logDir.toString());
  }

  /** One broker cannot hold more than one replica of anything. */
  private static void singleNode(Properties p) {
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions",
        Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
  }

  /**
   * A cloud process that dies leaves its pipeline's Kafka transaction open, and every read_committed
   * reader (the store, the next pipeline's restore) waits at that transaction until the broker aborts
   * it: after its timeout (10 s for Kafka Streams), at the broker's next scan for timed-out
   * transactions. Kafka scans every 10 s; every second here, so an unclean restart costs about 11 s
   * of stored data instead of up to 20.
   */
  private static void recovery(Properties p) {
    p.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
  }

  /** Sized for a 2-core machine that also runs the service, PostgreSQL and the tests. */
  private static void smallFootprint(Properties p) {
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    p.setProperty("num.replica.fetchers", "1");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    p.setProperty("log.cleaner.threads", "1");
    // The default 128 MiB is allocated on the heap at start-up. KafkaConfig.validateValues
    // requires strictly more than 1 MiB per cleaner thread, so exactly 1 MiB is rejected.
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
  }
}
