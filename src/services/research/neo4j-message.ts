/**
 * Neo4j's words about a researcher's query, without what tells an attacker about the server: Java class
 * names and stack frames, file paths, URLs (LOAD CSV's error text used to echo fetched addresses, a port
 * scanner), and host:port pairs.
 */
export function cleanNeo4jMessage(message: string): string {
  const firstLine = (message.split('\n')[0] ?? message).slice(0, 500);
  return firstLine
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)]+/gi, '<url>')
    .replace(/\b(?:[a-z_$][\w$]*\.){2,}[A-Z][\w$]*(?:\$[\w$]+)*(?:\.[\w$<>]+)?(?:\([^)]*\))?/g, '<internal>')
    .replace(/(?:^|(?<=[\s'"(=:]))(?:[A-Za-z]:)?(?:\/[\w.@~+-]+){2,}\/?/g, '<path>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<address>')
    .replace(/\blocalhost(?::\d+)?\b/gi, '<address>');
}
