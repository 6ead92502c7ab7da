-- Full-text search (docs/rules.md § "Search"). Every proposal, opinion and reply is one row of two
-- FTS5 indexes:
--   search_trigram  the text in trigrams: a query of three or more characters matches any substring;
--   search_grams    the text as two-character grams, for one- and two-character queries, which
--                   trigrams cannot answer: each gram is hex(the UTF-8 of two neighbouring
--                   characters), A-Z folded to a-z (lib/search/grams.ts builds the queries).
-- A row's rowid says whose text it is, so that a search decides who may read a match without
-- reading any table (db/queries/search.ts): proposal id << 32 | document id << 3 | sent << 2 | kind,
-- kind 0 the proposal's own text, 1 an opinion, 2 a reply; sent 1 once the document is signed off.
-- Both indexes are contentless (the text stays in its own table) and kept in step by the triggers
-- below, in plain SQL, so that every connection that writes keeps them right.
CREATE TABLE search_positions (i integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
-- Character positions 1..20000: the longest text (a body) is 20,000 characters.
INSERT INTO search_positions(i) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i FROM n;
--> statement-breakpoint
-- What is indexed: a proposal's title, body and people (its deputies, its units); an opinion's or a reply's body and unit.
CREATE VIEW search_source AS
  SELECT p.id << 32 AS k, p.id AS proposal_id, p.title AS title, p.body AS body,
    coalesce((SELECT d.name FROM deputies d WHERE d.id = p.lead_deputy_id), '') || ' ' ||
    coalesce((SELECT group_concat(d.name, ' ') FROM proposal_cosigners c JOIN deputies d ON d.id = c.deputy_id WHERE c.proposal_id = p.id), '') || ' ' ||
    coalesce((SELECT group_concat(u.name, ' ') FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.proposal_id = p.id), '') AS people
  FROM proposals p
  UNION ALL
  SELECT (a.proposal_id << 32) | (o.id << 3) | ((o.state = 'sent') << 2) | 1, a.proposal_id, '', o.body, u.name
  FROM opinions o JOIN assignments a ON a.id = o.assignment_id JOIN units u ON u.id = a.unit_id
  UNION ALL
  SELECT (a.proposal_id << 32) | (r.id << 3) | ((r.state = 'sent') << 2) | 2, a.proposal_id, '', r.body, u.name
  FROM replies r JOIN assignments a ON a.id = r.assignment_id JOIN units u ON u.id = a.unit_id;
--> statement-breakpoint
-- The same rows as two-character grams.
CREATE VIEW search_gram_source AS
  SELECT k, proposal_id, (SELECT group_concat(hex(substr(lower(title), i, 2)), ' ') FROM search_positions WHERE i <= length(title)) AS title, (SELECT group_concat(hex(substr(lower(body), i, 2)), ' ') FROM search_positions WHERE i <= length(body)) AS body, (SELECT group_concat(hex(substr(lower(people), i, 2)), ' ') FROM search_positions WHERE i <= length(people)) AS people FROM search_source;
--> statement-breakpoint
CREATE VIRTUAL TABLE search_trigram USING fts5(title, body, people, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
CREATE VIRTUAL TABLE search_grams USING fts5(title, body, people, tokenize = 'unicode61', prefix = '6', content = '', contentless_delete = 1);
--> statement-breakpoint
INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source;
--> statement-breakpoint
INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source;
--> statement-breakpoint
-- In step with every write: a change to a proposal, its deputies, its units or its documents
-- (a document's text or whether it is sent) re-indexes that proposal's rows, found by their rowid
-- range. A renamed deputy or unit (rare) re-indexes all its proposals.
CREATE TRIGGER search_proposals_insert AFTER INSERT ON proposals BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((NEW.id) << 32) AND rowid < (((NEW.id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((NEW.id) << 32) AND rowid < (((NEW.id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = NEW.id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_proposals_update AFTER UPDATE OF title, body, lead_deputy_id ON proposals BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((NEW.id) << 32) AND rowid < (((NEW.id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((NEW.id) << 32) AND rowid < (((NEW.id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = NEW.id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_proposals_delete AFTER DELETE ON proposals BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((OLD.id) << 32) AND rowid < (((OLD.id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((OLD.id) << 32) AND rowid < (((OLD.id) + 1) << 32);
END;
--> statement-breakpoint
CREATE TRIGGER search_cosigners_insert AFTER INSERT ON proposal_cosigners BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = NEW.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = NEW.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_cosigners_delete AFTER DELETE ON proposal_cosigners BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = OLD.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = OLD.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_assignments_insert AFTER INSERT ON assignments BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = NEW.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = NEW.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_assignments_update AFTER UPDATE OF unit_id, proposal_id ON assignments BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = OLD.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = OLD.proposal_id;
  DELETE FROM search_trigram WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((NEW.proposal_id) << 32) AND rowid < (((NEW.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = NEW.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = NEW.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_assignments_delete AFTER DELETE ON assignments BEGIN
  DELETE FROM search_trigram WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= ((OLD.proposal_id) << 32) AND rowid < (((OLD.proposal_id) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = OLD.proposal_id;
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = OLD.proposal_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_opinions_insert AFTER INSERT ON opinions BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_opinions_update AFTER UPDATE OF body, state, assignment_id ON opinions BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_opinions_delete AFTER DELETE ON opinions BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_replies_insert AFTER INSERT ON replies BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_replies_update AFTER UPDATE OF body, state, assignment_id ON replies BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = NEW.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_replies_delete AFTER DELETE ON replies BEGIN
  DELETE FROM search_trigram WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  DELETE FROM search_grams WHERE rowid >= (((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) << 32) AND rowid < ((((SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id)) + 1) << 32);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id = (SELECT proposal_id FROM assignments WHERE id = OLD.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER search_deputies_rename AFTER UPDATE OF name ON deputies BEGIN
  DELETE FROM search_trigram WHERE (rowid >> 32) IN (SELECT id FROM proposals WHERE lead_deputy_id = NEW.id UNION SELECT proposal_id FROM proposal_cosigners WHERE deputy_id = NEW.id);
  DELETE FROM search_grams WHERE (rowid >> 32) IN (SELECT id FROM proposals WHERE lead_deputy_id = NEW.id UNION SELECT proposal_id FROM proposal_cosigners WHERE deputy_id = NEW.id);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id IN (SELECT id FROM proposals WHERE lead_deputy_id = NEW.id UNION SELECT proposal_id FROM proposal_cosigners WHERE deputy_id = NEW.id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id IN (SELECT id FROM proposals WHERE lead_deputy_id = NEW.id UNION SELECT proposal_id FROM proposal_cosigners WHERE deputy_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER search_units_rename AFTER UPDATE OF name ON units BEGIN
  DELETE FROM search_trigram WHERE (rowid >> 32) IN (SELECT proposal_id FROM assignments WHERE unit_id = NEW.id);
  DELETE FROM search_grams WHERE (rowid >> 32) IN (SELECT proposal_id FROM assignments WHERE unit_id = NEW.id);
  INSERT INTO search_trigram(rowid, title, body, people) SELECT k, title, body, people FROM search_source WHERE proposal_id IN (SELECT proposal_id FROM assignments WHERE unit_id = NEW.id);
  INSERT INTO search_grams(rowid, title, body, people) SELECT k, title, body, people FROM search_gram_source WHERE proposal_id IN (SELECT proposal_id FROM assignments WHERE unit_id = NEW.id);
END;
