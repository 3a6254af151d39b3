package io.eoc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.api.ApiFixture;
import io.eoc.ingest.users.AccessPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UserCommandTest {
  private static final String SECRET = "first admin password";

  @Test
  void theFirstAdminIsAddedFromTheCloudsMachineWithThePasswordFromTheEnvironmentNeverEchoed() throws Exception {
    try (ApiFixture api = new ApiFixture(AccessPolicy.defaults())) {
      Run add = run(Map.of(UserCommand.PASSWORD_ENV, SECRET), "user", "add", "root", "--role", "admin", "--cloud", api.url());
      assertThat(add.code).as(add.err).isZero();
      assertThat(add.out).contains("user root added with role admin").doesNotContain(SECRET);
      assertThat(api.login("root", SECRET)).isNotEmpty();

      Run list = run(Map.of(), "user", "list", "--cloud", api.url());
      assertThat(list.out).contains("root").contains("admin");
      Run disable = run(Map.of(), "user", "disable", "root", "--cloud", api.url());
      assertThat(disable.out).contains("user root disabled");
      assertThat(api.audit()).anySatisfy(a -> assertThat(a).isEqualTo("local user-add user:root ok role admin"))
          .noneSatisfy(a -> assertThat(a).contains(SECRET));
    }
  }

  @Test
  void withoutThePasswordVariableOrATerminalNothingIsAdded() throws Exception {
    try (ApiFixture api = new ApiFixture(AccessPolicy.defaults())) {
      Run add = run(Map.of(), "user", "add", "root", "--role", "admin", "--cloud", api.url());
      assertThat(add.code).isEqualTo(2);
      assertThat(add.err).contains("set " + UserCommand.PASSWORD_ENV);
      assertThat(api.count("SELECT count(*) FROM users")).isZero();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cl = new CommandLine(new CloudCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    UserCommand user = cl.getSubcommands().get("user").getCommand();
    user.environment = env::get;
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
