// Name search in every script. entity_names_folded: standard tokenizer with ASCII folding (case and accents;
// width is folded by NFKC before a query is built), over names, aliases, names in other languages and their
// Latin readings; it also serves fuzzy (typo) and prefix queries. entity_names_cjk: the CJK analyzer's bigrams
// (with width folding) for Han, kana and Hangul, where words are not separated by spaces.
CREATE FULLTEXT INDEX entity_names_folded IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.otherNames, n.foldedNames] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX entity_names_cjk IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.otherNames] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// Entities are looked up by identifier ("isin:FR0000131906"); the list holds one key per identifier.
CREATE INDEX entity_identifier_keys IF NOT EXISTS FOR (n:Entity) ON (n.identifierKeys);
