// Turns this directory into the host application docs/embedding.md describes, from the Markdown
// as it stands: the guide's ```xml blocks and the ```xml dependency blocks of every other
// Markdown file go into pom.xml, and each of the guide's ```java blocks becomes a class that
// EmbeddingGuideTest runs (a block importing io.nobill.testing is test code). Variables from
// examples/pom.xml: basedir (this directory), repositoryRoot, nobillVersion.

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.regex.Pattern
import java.util.stream.Collectors
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.transform.OutputKeys
import javax.xml.transform.TransformerFactory
import javax.xml.transform.dom.DOMSource
import javax.xml.transform.stream.StreamResult
import org.w3c.dom.Element
import org.w3c.dom.Node
import org.xml.sax.InputSource
import org.xml.sax.SAXException

Path root = Paths.get(repositoryRoot).toAbsolutePath().normalize()
Path host = basedir.toPath()
Path guide = root.resolve('docs/embedding.md')

List<Path> others = Files.walk(root, 3).withCloseable { files ->
  files.filter { it.fileName.toString().endsWith('.md') && it != guide }
      .filter { !root.relativize(it).toString().split('/').any { it == 'target' || it.startsWith('.') } }
      .sorted()
      .collect(Collectors.toList())
}

List<String> blocks(Path doc, String language) {
  def matcher = Pattern.compile('```' + language + '\\n(.*?)```', Pattern.DOTALL)
      .matcher(Files.readString(doc, StandardCharsets.UTF_8))
  List<String> found = []
  while (matcher.find()) {
    found << matcher.group(1)
  }
  return found
}

String text(Element dependency, String name) {
  def nodes = dependency.getElementsByTagName(name)
  return nodes.length == 0 ? null : nodes.item(0).textContent.trim()
}

List<Element> children(Node parent, String name) {
  List<Element> found = []
  for (Node n = parent.firstChild; n != null; n = n.nextSibling) {
    if (n instanceof Element && (name == null || n.tagName == name)) {
      found << (Element) n
    }
  }
  return found
}

// The versions NOBill's build tests with: a third-party version the docs state must be the same.
def parentPom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve('pom.xml').toFile())
Map<String, String> properties = [:]
children(children(parentPom.documentElement, 'properties')[0], null).each { properties[it.tagName] = it.textContent.trim() }
Map<String, String> tested = [:]
children(children(children(parentPom.documentElement, 'dependencyManagement')[0], 'dependencies')[0], 'dependency').each {
  String version = text(it, 'version').replaceAll(/\$\{([^}]+)\}/) { all, name -> properties.getOrDefault(name, all) }
  tested[text(it, 'groupId') + ':' + text(it, 'artifactId')] = version
}

String xml(Node node) {
  def serializer = TransformerFactory.newInstance().newTransformer()
  serializer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, 'yes')
  def out = new StringWriter()
  serializer.transform(new DOMSource(node), new StreamResult(out))
  return out.toString()
}

List<String> managed = []
List<String> dependencies = []
Set<String> seen = new HashSet<>()
def add = { List<String> into, String source, Element dependency ->
  String groupId = text(dependency, 'groupId')
  String artifactId = text(dependency, 'artifactId')
  String version = text(dependency, 'version')
  String coordinates = groupId + ':' + artifactId
  if (groupId == 'io.nobill' && version != null && version != nobillVersion) {
    throw new IllegalStateException(source + " names " + coordinates + " " + version + ", but this build is " + nobillVersion)
  }
  if (groupId != 'io.nobill' && version != null && tested.containsKey(coordinates) && tested[coordinates] != version) {
    throw new IllegalStateException(source + " states " + coordinates + " " + version + ", but NOBill's build tests with "
        + tested[coordinates] + " (pom.xml)")
  }
  String key = (into.is(managed) ? 'managed ' : '') + coordinates + ':' + (text(dependency, 'type') ?: 'jar') + ':' + (text(dependency, 'classifier') ?: '')
  if (seen.add(key)) {
    into << ('<!-- ' + source + ' -->\n' + xml(dependency))
  }
}

int guideXml = 0
for (Path doc : [guide] + others) {
  String source = root.relativize(doc).toString()
  for (String block : blocks(doc, 'xml')) {
    if (doc == guide) {
      guideXml++
    }
    Element snippet
    try {
      snippet = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader('<snippet>' + block + '</snippet>'))).documentElement
    } catch (SAXException e) {
      throw new IllegalStateException(source + ": an xml block is not well-formed: " + e.message, e)
    }
    for (Element element : children(snippet, null)) {
      switch (element.tagName) {
        case 'dependencyManagement':
          children(element, 'dependencies').each { children(it, 'dependency').each { add(managed, source, it) } }
          break
        case 'dependencies':
          children(element, 'dependency').each { add(dependencies, source, it) }
          break
        case 'dependency':
          add(dependencies, source, element)
          break
        default:
          throw new IllegalStateException(source + ": an xml block holds <" + element.tagName + ">, which the embedding"
              + " guide's check (examples/src/it/embedding/prebuild.groovy) does not know where to put")
      }
    }
  }
}
if (guideXml == 0 || managed.isEmpty()) {
  throw new IllegalStateException("docs/embedding.md has no ```xml block importing the BOM: nothing to check")
}

Path pom = host.resolve('pom.xml')
String template = Files.readString(pom, StandardCharsets.UTF_8)
['<!-- docs: dependencyManagement -->': managed, '<!-- docs: dependencies -->': dependencies].each { marker, entries ->
  if (!template.contains(marker)) {
    throw new IllegalStateException("pom.xml lost its marker " + marker)
  }
  template = template.replace(marker, String.join('\n', entries))
}
Files.writeString(pom, template, StandardCharsets.UTF_8)

// The guide's Java: a block declaring a class stands as it is; any other block is statements with
// their leading imports, wrapped in a main method (as DocumentationSnippetsTest does).
def classDeclaration = Pattern.compile('^public\\s+(?:final\\s+)?class\\s+(\\w+)', Pattern.MULTILINE)
List<String> snippetClasses = []
blocks(guide, 'java').eachWithIndex { String block, int i ->
  def declared = classDeclaration.matcher(block)
  String name
  String source
  if (declared.find()) {
    name = declared.group(1)
    source = block
  } else {
    name = 'GuideSnippet' + (i + 1)
    List<String> imports = []
    List<String> body = []
    block.split('\n', -1).each { it.startsWith('import ') ? imports << it : body << ('    ' + it) }
    source = String.join('\n', imports) + '\n\npublic class ' + name + ' {\n  public static void main(String[] args) throws Exception {\n' + String.join('\n', body) + '\n  }\n}\n'
  }
  String scope = block.contains('import io.nobill.testing.') ? 'test' : 'main'
  Path file = host.resolve('src/' + scope + '/java/' + name + '.java')
  Files.createDirectories(file.parent)
  Files.writeString(file, source, StandardCharsets.UTF_8)
  snippetClasses << name
}
if (snippetClasses.isEmpty()) {
  throw new IllegalStateException("docs/embedding.md has no ```java block: nothing to run")
}

String tests = snippetClasses.withIndex().collect { String name, int i ->
  "  @Test\n  void snippet${i + 1}() throws Exception {\n    ${name}.main(new String[0]);\n  }\n"
}.join('\n')
Path test = host.resolve('src/test/java/EmbeddingGuideTest.java')
Files.createDirectories(test.parent)
Files.writeString(test, "import org.junit.jupiter.api.Test;\n\n/** Runs docs/embedding.md's Java blocks, in order. */\nclass EmbeddingGuideTest {\n" + tests + "}\n", StandardCharsets.UTF_8)

println "[embedding guide] ${dependencies.size()} dependencies and ${managed.size()} managed from the Markdown; ${snippetClasses.size()} Java blocks"
return true
