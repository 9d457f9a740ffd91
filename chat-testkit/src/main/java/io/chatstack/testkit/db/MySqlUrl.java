package io.chatstack.testkit.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads host, port, database and credentials from a {@code jdbc:mysql:} URL. Stateless. */
final class MySqlUrl {
  private static final Pattern URL =
      Pattern.compile("jdbc:(?:mysql|mariadb)://([^/:?]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");

  private MySqlUrl() {}

  static TestMySql parse(String url, String user, String password, String description) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException(
          TestDatabases.MYSQL_URL_ENV
              + " must look like"
              + " jdbc:mysql://host:3306/database?user=...&password=..., was "
              + url);
    }
    String query = m.group(4) == null ? "" : m.group(4);
    String u = user != null ? user : parameter(query, "user", "root");
    String p = password != null ? password : parameter(query, "password", "");
    int port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
    return new TestMySql(
        m.group(1),
        port,
        m.group(3),
        query.isEmpty() ? null : "?" + query,
        u,
        p,
        description + " (" + m.group(1) + ":" + port + ", database " + m.group(3) + ")");
  }

  private static String parameter(String query, String name, String fallback) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return fallback;
  }
}
