package io.chatstack.examples.demo;

import io.chatstack.core.InterceptContext;
import io.chatstack.core.Interception;
import io.chatstack.core.MessageDraft;
import io.chatstack.core.MessageInterceptor;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An example {@link MessageInterceptor}: replaces each listed word (whole words, any case) in
 * messages and edits with asterisks and marks the message with {@code metadata.filtered=true}.
 * Being a bean is all it takes: the starter picks every MessageInterceptor bean up. The words come
 * from {@code demo.profanity.words} (comma-separated).
 */
@Component
public class ProfanityFilter implements MessageInterceptor {
  private final Pattern words;

  /** The filter of {@code demo.profanity.words}, comma-separated. */
  @Autowired
  public ProfanityFilter(@Value("${demo.profanity.words:darn,heck,frak}") String words) {
    this(List.of(words.split(",")));
  }

  /** A filter of {@code words} (blank entries are ignored; at least one must remain). */
  public ProfanityFilter(List<String> words) {
    this.words =
        Pattern.compile(
            words.stream()
                .map(String::strip)
                .filter(w -> !w.isEmpty())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "\\b(?:", ")\\b")),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public Interception beforeSend(InterceptContext context, MessageDraft draft) {
    Matcher m = words.matcher(draft.content());
    if (!m.find()) {
      return Interception.accept();
    }
    String clean = m.replaceAll(r -> "*".repeat(r.group().length()));
    Map<String, Object> metadata = new java.util.LinkedHashMap<>(draft.metadata());
    metadata.put("filtered", true);
    return Interception.rewrite(clean, metadata);
  }
}
