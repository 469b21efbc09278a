// The VTL oracle: renders an API Gateway mapping template with the real Apache Velocity 1.7 and
// Jayway JsonPath (Debian's `velocity` and `libjsonpath-java`), giving the template API Gateway's
// variables and the departures from plain Velocity that were recorded on real AWS. Its output is
// the expected output of Tests/VTLTests/Corpus. See README.md beside this file.
//
//   java VtlOracle CASE.json              render one case: the text on stdout, exit 0;
//                                         a failure on stderr, exit 1
//   java VtlOracle --corpus CASES OUT     render every CASES/*.json into OUT/<same name>.json
//
// How the AWS departures are applied (evidence in README.md):
//   1. A null or unresolvable reference renders as "" instead of its own text: a
//      ReferenceInsertionEventHandler (Velocity's own hook, called for every rendered reference
//      with its value) turns a null value into "".
//   2. A null compares equal to "" (and still to $null): after parsing, every `==` and `!=` node
//      of the tree is replaced by a subclass whose comparison is Velocity 1.7's own (numbers by
//      value, same classes by equals(), otherwise by toString()) plus "null equals the empty
//      string". The replacement happens in RuntimeInstance.parse, which Velocity also calls for
//      interpolated string literals, so no tree escapes it.
//   3. JSON arrays print as compact JSON, objects as Java maps: the JSON parser is json-smart
//      with its ordered reader (what JsonPath's json-smart provider uses), which builds objects
//      as LinkedHashMap (Java's `{a=1, b=x}`) and arrays as net.minidev.json.JSONArray, an
//      ArrayList whose toString() is compact JSON, so `{foo=[{"nested":"bar"}]}` follows.
//   4. An empty body is `{}` for $input.body and for JSONPath.
//   5. $util functions given null return "".
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONStyle;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.log.NullLogChute;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.ASTEQNode;
import org.apache.velocity.runtime.parser.node.ASTNENode;
import org.apache.velocity.runtime.parser.node.MathUtils;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.util.TemplateNumber;

public final class VtlOracle {

  // JSON as API Gateway's templates see it (departure 3): permissive json-smart, ordered reader.
  static final JsonSmartJsonProvider JSON =
      new JsonSmartJsonProvider(JSONParser.MODE_PERMISSIVE, JSONValue.defaultReader.DEFAULT_ORDERED);
  static final Configuration JSONPATH = Configuration.builder().jsonProvider(JSON).build();

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    PrintStream err = new PrintStream(System.err, true, "UTF-8");
    if (args.length == 1 && !args[0].startsWith("--")) {
      try {
        out.print(render(readCaseFile(new File(args[0]))));
        out.flush();
      } catch (Throwable e) {
        err.println("render failed: " + describe(e));
        System.exit(1);
      }
    } else if (args.length == 3 && args[0].equals("--corpus")) {
      System.exit(corpus(new File(args[1]), new File(args[2]), out, err));
    } else {
      err.println("usage: VtlOracle CASE.json | VtlOracle --corpus CASES_DIR CORPUS_DIR");
      System.exit(2);
    }
  }

  // One case file of a single case: {"template": ..., "body": ..., ...}.
  static Map<String, Object> readCaseFile(File f) throws Exception {
    Object parsed = parseStrict(new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8));
    if (!(parsed instanceof Map)) throw new IllegalArgumentException(f + ": not a JSON object");
    return cast(parsed);
  }

  // Case files are parsed strictly (RFC 4627) so that a typo in a case is an error, not data.
  static Object parseStrict(String text) throws Exception {
    return new JSONParser(JSONParser.MODE_RFC4627).parse(text, JSONValue.defaultReader.DEFAULT_ORDERED);
  }

  /** Renders one case with a fresh engine, so that macros of one case never reach another. */
  static String render(Map<String, Object> c) throws Exception {
    Object template = c.get("template");
    if (!(template instanceof String)) throw new IllegalArgumentException("case has no \"template\" string");
    Object body = c.get("body");
    if (body != null && !(body instanceof String)) throw new IllegalArgumentException("\"body\" must be a string");

    RuntimeInstance engine = new AwsRuntime();
    engine.setProperty(RuntimeConstants.RUNTIME_LOG_LOGSYSTEM, new NullLogChute());
    engine.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, NullAsEmpty.class.getName());
    engine.init();

    VelocityContext context = new VelocityContext();
    context.put("input", new Input((String) body, stringMaps(c.get("params"))));
    context.put("util", new Util());
    // copies, so that a template changing $context (e.g. #set($context.responseOverride.status = 400))
    // never changes the case itself
    context.put("context", copy(objectOrEmpty(c.get("context"), "context")));
    context.put("stageVariables", copy(objectOrEmpty(c.get("stageVariables"), "stageVariables")));

    StringWriter writer = new StringWriter();
    engine.evaluate(context, writer, "template", new StringReader((String) template));
    return writer.toString();
  }

  // ---- departure 1: a null reference renders as "" ----

  /** Called by Velocity for each reference it writes; a null value would be written as the reference's text. */
  public static final class NullAsEmpty implements ReferenceInsertionEventHandler {
    public Object referenceInsert(String reference, Object value) {
      return value == null ? "" : value;
    }
  }

  // ---- departure 2: null == "" ----

  /** A RuntimeInstance whose parsed trees compare null equal to "" (used for templates and string literals). */
  static final class AwsRuntime extends RuntimeInstance {
    @Override
    public SimpleNode parse(Reader reader, String templateName, boolean dumpNamespace) throws ParseException {
      SimpleNode root = super.parse(reader, templateName, dumpNamespace);
      replaceComparisons(root);
      return root;
    }
  }

  static void replaceComparisons(Node node) {
    for (int i = 0; i < node.jjtGetNumChildren(); i++) {
      Node child = node.jjtGetChild(i);
      replaceComparisons(child);
      if (child instanceof ASTEQNode && !(child instanceof AwsEquals)) {
        node.jjtAddChild(new AwsEquals((SimpleNode) child), i);
      } else if (child instanceof ASTNENode && !(child instanceof AwsNotEquals)) {
        node.jjtAddChild(new AwsNotEquals((SimpleNode) child), i);
      }
    }
  }

  /** Velocity 1.7's `==` (ASTEQNode.evaluate), except that null equals the empty string. */
  static boolean velocityEquals(Object left, Object right) {
    if (left instanceof TemplateNumber) left = ((TemplateNumber) left).getAsNumber();
    if (right instanceof TemplateNumber) right = ((TemplateNumber) right).getAsNumber();
    if (left instanceof Number && right instanceof Number) return MathUtils.compare((Number) left, (Number) right) == 0;
    if (left != null && right != null
        && (left.getClass().isAssignableFrom(right.getClass()) || right.getClass().isAssignableFrom(left.getClass()))) {
      return left.equals(right);
    }
    String l = left == null ? null : left.toString();
    String r = right == null ? null : right.toString();
    if (l == null && r == null) return true;
    if (l == null) return r.isEmpty(); // plain Velocity: false
    if (r == null) return l.isEmpty(); // plain Velocity: false
    return l.equals(r);
  }

  // The replacements keep the original node's children and tokens, so errors and logs name the same place.
  static final class AwsEquals extends ASTEQNode {
    AwsEquals(SimpleNode original) {
      super(original.getType());
      adopt(this, original);
      first = original.getFirstToken();
      last = original.getLastToken();
    }

    @Override
    public boolean evaluate(InternalContextAdapter context) {
      return velocityEquals(jjtGetChild(0).value(context), jjtGetChild(1).value(context));
    }
  }

  static final class AwsNotEquals extends ASTNENode {
    AwsNotEquals(SimpleNode original) {
      super(original.getType());
      adopt(this, original);
      first = original.getFirstToken();
      last = original.getLastToken();
    }

    @Override
    public boolean evaluate(InternalContextAdapter context) {
      return !velocityEquals(jjtGetChild(0).value(context), jjtGetChild(1).value(context));
    }
  }

  static void adopt(SimpleNode replacement, SimpleNode original) {
    replacement.jjtSetParent(original.jjtGetParent());
    for (int i = 0; i < original.jjtGetNumChildren(); i++) {
      Node child = original.jjtGetChild(i);
      replacement.jjtAddChild(child, i);
      child.jjtSetParent(replacement);
    }
  }

  // ---- $input ----

  /** $input: the method request's body and parameters. */
  public static final class Input {
    private final String body;
    private final Map<String, Object> params;

    Input(String body, Map<String, Map<String, String>> given) {
      // departure 4: an empty body is {} for $input.body and JSONPath
      this.body = body == null || body.isEmpty() ? "{}" : body;
      this.params = new LinkedHashMap<>();
      for (String type : Arrays.asList("path", "querystring", "header")) {
        Map<String, String> m = given.get(type);
        params.put(type, m == null ? new LinkedHashMap<String, String>() : m);
      }
    }

    /** $input.body: the raw payload. */
    public String getBody() {
      return body;
    }

    /** $input.path(x): the JSONPath result as Java objects; null when the path matches nothing. */
    public Object path(String path) {
      try {
        return read(path);
      } catch (PathNotFoundException e) {
        return null;
      }
    }

    /**
     * $input.json(x): the JSONPath result as JSON text, written by json-smart as JsonPath's provider
     * writes it (a JSON null is "null"); null, so rendered "", when the path matches nothing.
     */
    public String json(String path) {
      try {
        return JSONValue.toJSONString(read(path), JSONStyle.LT_COMPRESS);
      } catch (PathNotFoundException e) {
        return null;
      }
    }

    /** $input.params(): {path={...}, querystring={...}, header={...}}. */
    public Map<String, Object> params() {
      return params;
    }

    /** $input.params(x): the parameter from the path, else the query string, else the headers. */
    public Object params(String name) {
      for (Object m : params.values()) {
        Object v = ((Map<?, ?>) m).get(name);
        if (v != null) return v;
      }
      return null;
    }

    // The body is parsed for each call, so a template changing one result never changes another.
    private Object read(String path) {
      return JsonPath.using(JSONPATH).parse((Object) JSON.parse(body)).read(path);
    }
  }

  // ---- $util ----

  /** $util: departure 5, each function given null returns "". */
  public static final class Util {
    public String escapeJavaScript(String s) {
      return s == null ? "" : StringEscapeUtils.escapeJavaScript(s);
    }

    public Object parseJson(String s) {
      return s == null ? "" : JSON.parse(s);
    }

    public String urlEncode(String s) throws IOException {
      return s == null ? "" : URLEncoder.encode(s, "UTF-8");
    }

    public String urlDecode(String s) throws IOException {
      return s == null ? "" : URLDecoder.decode(s, "UTF-8");
    }

    public String base64Encode(String s) {
      return s == null ? "" : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String s) {
      return s == null ? "" : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
  }

  // ---- case plumbing ----

  static Map<String, Object> objectOrEmpty(Object value, String field) {
    if (value == null) return new LinkedHashMap<>();
    if (!(value instanceof Map)) throw new IllegalArgumentException("\"" + field + "\" must be an object");
    return cast(value);
  }

  // params: {"path": {...}, "querystring": {...}, "header": {...}}; values are strings, as in HTTP.
  static Map<String, Map<String, String>> stringMaps(Object value) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> type : objectOrEmpty(value, "params").entrySet()) {
      if (!Arrays.asList("path", "querystring", "header").contains(type.getKey())) {
        throw new IllegalArgumentException("unknown params type \"" + type.getKey() + "\"");
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : objectOrEmpty(type.getValue(), "params." + type.getKey()).entrySet()) {
        m.put(e.getKey(), String.valueOf(e.getValue()));
      }
      result.put(type.getKey(), m);
    }
    return result;
  }

  // A deep copy with the same classes as the JSON parser builds (LinkedHashMap, JSONArray).
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    if (value instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) m.put(e.getKey(), copy(e.getValue()));
      return (T) m;
    }
    if (value instanceof List) {
      List<Object> l = new JSONArray();
      for (Object o : (List<Object>) value) l.add(copy(o));
      return (T) l;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return e.getCause() != null && e.getCause() != e ? text + " (" + describe(e.getCause()) + ")" : text;
  }

  // ---- corpus mode ----

  /** Renders each case of CASES/*.json ({"cases": [...]}) and writes OUT/<name>.json with "expected" or "error". */
  static int corpus(File casesDir, File outDir, PrintStream out, PrintStream err) throws IOException {
    File[] files = casesDir.listFiles((d, n) -> n.endsWith(".json"));
    if (files == null || files.length == 0) {
      err.println("no case files in " + casesDir);
      return 1;
    }
    Arrays.sort(files);
    outDir.mkdirs();
    int total = 0, errors = 0, bad = 0;
    for (File f : files) {
      List<Object> rendered = new ArrayList<>();
      int fileErrors = 0;
      try {
        Map<String, Object> doc = readCaseFile(f);
        if (!(doc.get("cases") instanceof List)) throw new IllegalArgumentException("no \"cases\" array");
        List<String> names = new ArrayList<>();
        for (Object item : (List<?>) doc.get("cases")) {
          Map<String, Object> c = objectOrEmpty(item, "case");
          Object name = c.get("name");
          if (!(name instanceof String) || names.contains(name)) {
            throw new IllegalArgumentException("case name missing or repeated: " + name);
          }
          names.add((String) name);
          Map<String, Object> result = new LinkedHashMap<>(c);
          result.remove("expected");
          result.remove("error");
          try {
            result.put("expected", render(c));
          } catch (Throwable e) {
            result.put("error", Boolean.TRUE);
            fileErrors++;
            err.println("  " + f.getName() + " / " + name + ": error: " + describe(e));
          }
          rendered.add(result);
        }
      } catch (Exception e) {
        err.println(f.getName() + ": " + describe(e));
        bad++;
        continue;
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("cases", rendered);
      StringBuilder sb = new StringBuilder();
      writeJson(sb, doc, "");
      sb.append('\n');
      Files.write(new File(outDir, f.getName()).toPath(), sb.toString().getBytes(StandardCharsets.UTF_8));
      out.println(String.format("%-28s %4d cases, %3d render to errors", f.getName(), rendered.size(), fileErrors));
      total += rendered.size();
      errors += fileErrors;
    }
    out.println(String.format("%-28s %4d cases, %3d render to errors", "total", total, errors));
    // The corpus is generated: a corpus file whose case file is gone is removed.
    File[] old = outDir.listFiles((d, n) -> n.endsWith(".json") && !new File(casesDir, n).exists());
    for (File f : old == null ? new File[0] : old) {
      out.println("removed " + f.getName() + " (no such case file)");
      f.delete();
    }
    return bad == 0 ? 0 : 1;
  }

  // A small pretty printer: two-space indent, key order kept, non-ASCII written as is (UTF-8).
  static void writeJson(StringBuilder sb, Object v, String indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      writeString(sb, (String) v);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(inner);
        writeString(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        writeJson(sb, e.getValue(), inner);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      String inner = indent + "  ";
      for (int i = 0; i < l.size(); i++) {
        sb.append(inner);
        writeJson(sb, l.get(i), inner);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass());
    }
  }

  static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          boolean pair = Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
          if (pair) {
            sb.append(ch).append(s.charAt(++i)); // a whole non-BMP character, written as is
          } else if (ch < 0x20 || ch == 0x7f || ch == '\u2028' || ch == '\u2029' || Character.isSurrogate(ch)) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
      }
    }
    sb.append('"');
  }
}
