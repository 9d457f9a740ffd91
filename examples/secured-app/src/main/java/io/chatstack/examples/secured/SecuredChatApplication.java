package io.chatstack.examples.secured;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host application that protects everything with Spring Security (HTTP Basic here; any mechanism
 * that sets the request's principal works, e.g. a session login or a JWT resource server). The
 * chatstack starter needs no extra configuration: its default {@code
 * chatstack.security.authentication=principal} takes the user Spring Security authenticated, on the
 * WebSocket handshake and on every REST call (401 without one), and REST refuses requests naming
 * someone else.
 */
@SpringBootApplication
public class SecuredChatApplication {

  public static void main(String[] args) {
    SpringApplication.run(SecuredChatApplication.class, args);
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        // A JSON API and a WebSocket endpoint used by non-browser clients in this example.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/ws/**"))
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}alice-secret").roles("USER").build(),
        User.withUsername("bob").password("{noop}bob-secret").roles("USER").build());
  }
}
