package io.chatstack.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MySqlUrlTest {

  @Test
  void readsHostPortDatabaseAndCredentialsFromTheUrl() {
    TestMySql mysql =
        MySqlUrl.parse(
            "jdbc:mysql://db.example:3307/chat?user=app&password=p%40ss&useSSL=false",
            null, null, "from env");
    assertThat(mysql.host()).isEqualTo("db.example");
    assertThat(mysql.port()).isEqualTo(3307);
    assertThat(mysql.database()).isEqualTo("chat");
    assertThat(mysql.username()).isEqualTo("app");
    assertThat(mysql.password()).isEqualTo("p@ss");
    assertThat(mysql.description()).isEqualTo("from env (db.example:3307, database chat)");
    assertThat(mysql.jdbcUrl())
        .isEqualTo("jdbc:mysql://db.example:3307/chat?user=app&password=p%40ss&useSSL=false");
  }

  @Test
  void explicitCredentialsWinAndThePortDefaultsTo3306() {
    TestMySql mysql = MySqlUrl.parse("jdbc:mariadb://localhost/test?user=ignored", "root", "", "x");
    assertThat(mysql.port()).isEqualTo(3306);
    assertThat(mysql.username()).isEqualTo("root");
    assertThat(mysql.jdbcUrl("127.0.0.1", 4000))
        .isEqualTo("jdbc:mysql://127.0.0.1:4000/test?user=ignored");
    assertThat(MySqlUrl.parse("jdbc:mysql://h/d", null, null, "x").jdbcUrl())
        .isEqualTo("jdbc:mysql://h:3306/d" + TestMySql.DEFAULT_PARAMETERS);
  }

  @Test
  void aMalformedUrlIsRejectedWithTheExpectedShape() {
    assertThatThrownBy(() -> MySqlUrl.parse("mysql://nope", null, null, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "CHATSTACK_TEST_MYSQL_URL must look like jdbc:mysql://host:3306/database");
  }
}
