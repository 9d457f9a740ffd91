package io.chatstack.testkit;

import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * The body of a process that only hosts backing services for chat servers in other processes (dev
 * services for the browser tests, the benchmark's services): an in-process Kafka broker and MongoDB
 * wire server that live until the JVM is shut down. Used from a {@code main} method.
 */
public final class ServicesProcess {
  private ServicesProcess() {}

  /**
   * Starts the broker and the MongoDB server, writes {@code settings} (given the two) as lines to
   * {@code settingsFile} in one atomic move once both serve, so a script polling for the file never
   * reads half of it, and blocks until the JVM shuts down, closing both on the way out.
   *
   * @throws IOException when the settings file cannot be written
   */
  public static void serveUntilShutdown(
      Path settingsFile, BiFunction<EmbeddedKafka, InProcessMongoServer, List<String>> settings)
      throws IOException, InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    InProcessMongoServer mongo = InProcessMongoServer.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  mongo.close();
                  kafka.close();
                  stopped.countDown();
                },
                "stop-services"));
    Path partial = settingsFile.resolveSibling(settingsFile.getFileName() + ".tmp");
    Files.write(partial, settings.apply(kafka, mongo), StandardCharsets.UTF_8);
    Files.move(partial, settingsFile, StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        "services ready (Kafka "
            + kafka.bootstrapServers()
            + ", MongoDB "
            + mongo.connectionString()
            + "); settings in "
            + settingsFile);
    stopped.await();
  }
}
