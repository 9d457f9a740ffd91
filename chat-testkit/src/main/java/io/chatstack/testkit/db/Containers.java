package io.chatstack.testkit.db;

/**
 * Testcontainers, used only when it is on the classpath and a Docker engine answers. The container
 * classes are touched only after both checks, so the testkit works without Testcontainers.
 */
final class Containers {
  private static final String MYSQL_IMAGE = "mysql:8.4";
  private static final String MONGO_IMAGE = "mongo:8.0";

  private Containers() {}

  /** Whether Testcontainers is on the classpath and finds a Docker engine. */
  static synchronized boolean available() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory");
    } catch (ClassNotFoundException e) {
      return false;
    }
    return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
  }

  /** Starts a MySQL container kept for the JVM (Testcontainers' reaper removes it afterwards). */
  @SuppressWarnings("resource")
  static TestMySql mysql() {
    var container = new org.testcontainers.containers.MySQLContainer<>(MYSQL_IMAGE);
    container.start();
    return new TestMySql(
        container.getHost(),
        container.getMappedPort(3306),
        container.getDatabaseName(),
        null,
        container.getUsername(),
        container.getPassword(),
        "Testcontainers " + MYSQL_IMAGE);
  }

  /** Starts a MongoDB container kept for the JVM. */
  @SuppressWarnings("resource")
  static TestMongo mongo() {
    var container = new org.testcontainers.containers.MongoDBContainer(MONGO_IMAGE);
    container.start();
    return new TestMongo(container.getConnectionString(), "Testcontainers " + MONGO_IMAGE);
  }
}
