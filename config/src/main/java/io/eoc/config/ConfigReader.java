package io.eoc.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML configuration file and collects every problem found while the caller binds it,
 * so that a user sees all mistakes at once, each with file, line and what is allowed.
 *
 * <p>Usage: {@code open} → bind values through {@link #root()} → {@link #finish()} (throws if any
 * problem was recorded) → only then build the immutable config records.
 */
public final class ConfigReader {
  private final String source;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final ConfigNode root;

  private ConfigReader(String source, Node rootNode) {
    this.source = source;
    this.root = new ConfigNode(this, rootNode, "");
  }

  /** Parses a file. A missing file or a YAML syntax error fails at once, with the position. */
  public static ConfigReader open(Path file) {
    String source = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(source, reader);
    } catch (NoSuchFileException e) {
      throw single(source, 0, 0, "file not found");
    } catch (IOException e) {
      throw single(source, 0, 0, "cannot read file: " + e.getMessage());
    }
  }

  /** Parses text; {@code source} names it in error messages (for example a resource name). */
  public static ConfigReader parse(String source, String yaml) {
    return parse(source, new StringReader(yaml));
  }

  private static ConfigReader parse(String source, Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    try {
      Node node = new Yaml(options).compose(reader);
      rejectDuplicateKeys(source, node);
      return new ConfigReader(source, node);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw single(source, line, column, "not valid YAML: " + what);
    } catch (RuntimeException e) {
      throw single(source, 0, 0, "not valid YAML: " + e.getMessage());
    }
  }

  /** SnakeYAML checks duplicate keys only when constructing objects; we compose nodes, so check here. */
  private static void rejectDuplicateKeys(String source, Node node) {
    if (node instanceof MappingNode mapping) {
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : mapping.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode key && !seen.add(key.getValue())) {
          Mark mark = key.getStartMark();
          throw single(source, mark.getLine() + 1, mark.getColumn() + 1, "duplicate key " + key.getValue());
        }
        rejectDuplicateKeys(source, t.getValueNode());
      }
    } else if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(n -> rejectDuplicateKeys(source, n));
    }
  }

  private static ConfigException single(String source, int line, int column, String message) {
    return new ConfigException(List.of(new ConfigProblem(source, line, column, "", message)));
  }

  public String source() {
    return source;
  }

  /** The document's top-level node; an empty file is an empty mapping. */
  public ConfigNode root() {
    return root;
  }

  /** Records a problem that is not tied to one node (for example a cross-field rule). */
  public void problem(String path, String message) {
    problems.add(new ConfigProblem(source, 0, 0, path, message));
  }

  void problem(Node node, String path, String message) {
    if (node == null) {
      problem(path, message);
      return;
    }
    Mark mark = node.getStartMark();
    problems.add(new ConfigProblem(source, mark.getLine() + 1, mark.getColumn() + 1, path, message));
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigException} listing every problem recorded so far, if any. */
  public void finish() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
